package dev.pillarboard.catalog.service;

import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;


/**
 * Reads products straight from JDBC rows into their API form. The hot read paths (get by slug,
 * lists, the change feed) use it instead of Hibernate entities: no persistence context, no dirty
 * checking snapshots, one JSON parse per map.
 */
public final class ProductRows {

    /** The columns {@link #read} expects, in order, for table alias {@code p}. */
    public static final String COLUMNS = "p.slug, p.name, p.description, p.owner, p.phase, p.tier, p.tags, p.links::text, "
            + "p.annotations::text, p.revision, p.created_at, p.updated_at";
    static final int COUNT = 12;

    private final ObjectReader maps;

    public ProductRows(ObjectMapper mapper) {
        this.maps = mapper.readerFor(new TypeReference<Map<String, String>>() {
        });
    }

    /** Reads the {@link #COLUMNS} starting at 1-based column {@code first}; null if the slug is null (outer join). */
    public ProductView read(ResultSet rs, int first) throws SQLException {
        String slug = rs.getString(first);
        if (slug == null) {
            return null;
        }
        return new ProductView(slug, rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                rs.getString(first + 4), rs.getShort(first + 5), strings(rs.getArray(first + 6)),
                map(rs.getString(first + 7)), map(rs.getString(first + 8)), rs.getLong(first + 9),
                rs.getTimestamp(first + 10).toInstant(), rs.getTimestamp(first + 11).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private Map<String, String> map(String json) throws SQLException {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        try {
            return maps.readValue(json);
        } catch (IOException e) {
            throw new SQLException("Corrupt JSON column", e);
        }
    }
}
