package dev.pillarboard.portal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.pillarboard.portal.client.Paged;

/**
 * Links to the pages of a list, keeping the other query parameters (the filters), so every page is a bookmarkable
 * GET link. Shows the first, the last and the pages around the current one.
 */
public record Pager(int page, int pages, long total, int from, int to, String previous, String next, List<Link> links) {

    public record Link(int number, String href, boolean current, boolean gap) {
    }

    /**
     * @param base  the page's path
     * @param param the query parameter of the page number
     * @param query the other parameters, already encoded (or null)
     */
    public static Pager of(Paged<?> paged, String base, String param, String query) {
        int pages = paged.pages();
        int page = paged.page();
        int from = paged.total() == 0 ? 0 : page * paged.size() + 1;
        int to = (int) Math.min(paged.total(), (long) page * paged.size() + paged.items().size());
        List<Link> links = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < pages; i++) {
            if (i == 0 || i == pages - 1 || Math.abs(i - page) <= 2) {
                if (last >= 0 && i - last > 1) {
                    links.add(new Link(0, null, false, true));
                }
                links.add(new Link(i + 1, href(base, param, query, i), i == page, false));
                last = i;
            }
        }
        return new Pager(page, pages, paged.total(), from, to, page > 0 ? href(base, param, query, page - 1) : null,
                page + 1 < pages ? href(base, param, query, page + 1) : null, links);
    }

    public boolean several() {
        return pages > 1;
    }

    static String href(String base, String param, String query, int page) {
        StringBuilder href = new StringBuilder(base);
        String separator = "?";
        if (query != null && !query.isEmpty()) {
            href.append('?').append(query);
            separator = "&";
        }
        if (page > 0) {
            href.append(separator).append(URLEncoder.encode(param, StandardCharsets.UTF_8)).append('=').append(page);
        }
        return href.toString();
    }
}
