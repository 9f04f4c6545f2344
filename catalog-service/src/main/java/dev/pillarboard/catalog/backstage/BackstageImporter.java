package dev.pillarboard.catalog.backstage;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import dev.pillarboard.catalog.backstage.ImportReport.Item;
import dev.pillarboard.catalog.config.CatalogConfig;
import dev.pillarboard.catalog.service.RevisionLock;
import dev.pillarboard.common.ApiProblem;

/**
 * Imports Backstage {@code catalog-info.yaml} documents: {@link BackstageDescriptors} reads each
 * into a team or product request (or a reason to skip or reject it), {@link ImportPlan} resolves
 * them against each other and the catalog, {@link ImportWriter} writes what changed. Every document
 * gets an outcome. The whole import is one transaction under the catalog write lock; rejected
 * documents are simply not written.
 */
@ApplicationScoped
public class BackstageImporter {

    private final RevisionLock revisionLock;
    private final BackstageDescriptors descriptors;
    private final ImportPlan plan;
    private final ImportWriter writer;
    private final CatalogConfig config;

    public BackstageImporter(RevisionLock revisionLock, Validator validator, CatalogConfig config, ImportPlan plan,
            ImportWriter writer) {
        this.revisionLock = revisionLock;
        this.descriptors = new BackstageDescriptors(validator, config.importing().lifecycle(), config.importing().defaultTier());
        this.plan = plan;
        this.writer = writer;
        this.config = config;
    }

    @Transactional
    public ImportReport importYaml(String yaml, boolean dryRun) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.badRequest("The body is empty: send one or more Backstage catalog-info.yaml documents");
        }
        // Each document becomes its request as it is read (the reader needs no database), so only the requests are
        // held, never every document's maps at once.
        List<ImportEntry> entries = new ArrayList<>();
        BackstageYaml.read(yaml, (int) Math.min(Integer.MAX_VALUE, config.limits().importBodyBytes()),
                document -> entries.add(descriptors.read(entries.size(), document)));
        // Decide under the write lock, so that what we compare against is what we overwrite.
        RevisionLock.Allocator revisions = dryRun ? null : revisionLock.take();
        ImportPlan.Writes writes = plan.resolve(entries);
        if (revisions != null) {
            writer.write(revisions, writes);
        }
        List<Item> items = entries.stream().map(ImportEntry::item).toList();
        return new ImportReport(dryRun, items, ImportReport.Counts.of(items));
    }
}
