package dev.pillarboard.scorecard.rubric;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.Page;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.engine.ScoringEngine;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;

/**
 * Rubric versions: the default rubric is version 1; every publish adds the next version. Parsed
 * rubrics and their engines are cached per version (they are immutable). The current version is
 * the highest stored one, read from the database, so every replica follows a publish at once.
 */
@ApplicationScoped
public class RubricService {

    /** A stored rubric version, parsed, with an engine for it. */
    public record Loaded(int version, Rubric rubric, ScoringEngine engine, Instant publishedAt, String publishedBy,
            String yaml) {
    }

    /** A line of the version list. */
    public record VersionInfo(int version, String title, Instant publishedAt, String publishedBy, boolean current) {
    }

    static final long PUBLISH_LOCK = 0x5C0_0001L;

    private final AgroalDataSource dataSource;
    private final int firstDefault;
    private final Map<Integer, Loaded> cache = new ConcurrentHashMap<>();

    public RubricService(AgroalDataSource dataSource, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.firstDefault = config.rubric().firstDefault();
        if (!RubricParser.DEFAULT_EDITIONS.contains(firstDefault)) {
            throw new IllegalStateException("pillarboard.scorecard.rubric.first-default must be one of "
                    + RubricParser.DEFAULT_EDITIONS + ", got " + firstDefault);
        }
    }

    /**
     * Stores the configured edition of the default rubric as version 1 unless some version exists (safe with several
     * replicas): a brand-new installation starts with it, one that holds a version keeps what it holds.
     */
    @Transactional
    public void ensureDefault() {
        if (anyStored()) {
            return; // every start but the first: no need to read the default rubric
        }
        int edition = firstDefault;
        Rubric rubric = RubricParser.defaultRubric(edition);
        Jdbc.update(dataSource, "store the default rubric", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                            INSERT INTO rubric_version (version, yaml, title, published_at, published_by)
                            SELECT 1, ?, ?, ?, 'pillarboard' WHERE NOT EXISTS (SELECT 1 FROM rubric_version)
                            ON CONFLICT DO NOTHING""")) {
                insert.setString(1, RubricParser.defaultRubricYaml(edition));
                insert.setString(2, rubric.title().en());
                insert.setTimestamp(3, Timestamp.from(DatabaseTime.now()));
                if (insert.executeUpdate() == 1) {
                    Log.infof("Stored edition %d of the default rubric as version 1 (%s)", edition, rubric);
                }
            }
        });
    }

    private boolean anyStored() {
        return Jdbc.single(dataSource, "read the rubric version", "SELECT EXISTS (SELECT 1 FROM rubric_version)",
                row -> row.getBoolean(1));
    }

    /** The current (highest) version. */
    public Loaded current() {
        return version(currentVersion());
    }

    public int currentVersion() {
        Integer version = Jdbc.single(dataSource, "read the rubric version", "SELECT max(version) FROM rubric_version",
                row -> (Integer) row.getObject(1));
        if (version == null) {
            throw new IllegalStateException("No rubric stored");
        }
        return version;
    }

    /** A stored version; 404 problem if there is none. */
    public Loaded version(int version) {
        Loaded loaded = cache.get(version);
        if (loaded != null) {
            return loaded;
        }
        loaded = Jdbc.query(dataSource, "read rubric version " + version, c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT yaml, published_at, published_by FROM rubric_version WHERE version = ?")) {
                query.setInt(1, version);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiProblem.notFound("rubric version", Integer.toString(version));
                    }
                    String yaml = rs.getString(1);
                    Rubric rubric = RubricParser.parse(yaml, "rubric version " + version);
                    return new Loaded(version, rubric, new ScoringEngine(rubric), rs.getTimestamp(2).toInstant(),
                            rs.getString(3), yaml);
                }
            }
        });
        cache.putIfAbsent(version, loaded);
        return cache.get(version);
    }

    /** One page of the published versions, newest first; the newest is the one in force. */
    public Page<VersionInfo> versions(int page, int size) {
        List<VersionInfo> versions = new ArrayList<>();
        return Jdbc.query(dataSource, "list rubric versions", c -> {
            try (PreparedStatement query = c.prepareStatement("""
                            SELECT version, title, published_at, published_by, max(version) OVER () = version, count(*) OVER ()
                            FROM rubric_version ORDER BY version DESC LIMIT ? OFFSET ?""")) {
                query.setInt(1, size);
                query.setLong(2, (long) page * size);
                long total = -1;
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        versions.add(new VersionInfo(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                rs.getString(4), rs.getBoolean(5)));
                        total = rs.getLong(6);
                    }
                }
                if (total < 0) {
                    try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM rubric_version");
                            ResultSet rs = count.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                return new Page<>(versions, total);
            }
        });
    }

    /**
     * Validates and stores a new version, in the caller's transaction if there is one
     * ({@link RubricPublisher} adds the re-evaluation job to it). Throws
     * {@link dev.pillarboard.scorecard.engine.RubricException} (nothing stored) when the YAML is invalid.
     */
    @Transactional
    public Loaded storeVersion(String yaml, String publishedBy) {
        Rubric rubric = RubricParser.parse(yaml, "rubric.yaml");
        Instant now = DatabaseTime.now();
        int version = Jdbc.query(dataSource, "store the rubric", c -> {
            int stored;
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PUBLISH_LOCK);
                lock.execute();
            }
            try (PreparedStatement next = c.prepareStatement("SELECT coalesce(max(version), 0) + 1 FROM rubric_version");
                    ResultSet rs = next.executeQuery()) {
                rs.next();
                stored = rs.getInt(1);
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO rubric_version (version, yaml, title, published_at, published_by) VALUES (?, ?, ?, ?, ?)")) {
                insert.setInt(1, stored);
                insert.setString(2, yaml);
                insert.setString(3, rubric.title().en().length() > 200 ? rubric.title().en().substring(0, 200) : rubric.title().en());
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setString(5, publishedBy);
                insert.executeUpdate();
            }
            return stored;
        });
        // Not cached here: the caller's transaction may still roll back; version() reads it once committed.
        Loaded loaded = new Loaded(version, rubric, new ScoringEngine(rubric), now, publishedBy, yaml);
        Log.infof("Rubric version %d published by %s: %s", version, publishedBy, rubric);
        return loaded;
    }
}
