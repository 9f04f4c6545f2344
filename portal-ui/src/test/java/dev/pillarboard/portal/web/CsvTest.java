package dev.pillarboard.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV download: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class CsvTest {

    @Test
    void quotesAndNeutralisesFormulas() {
        ProductListPage.Csv csv = new ProductListPage.Csv();
        csv.row(List.of("a,b", "say \"hi\"", "line\nbreak", "=HYPERLINK(\"x\")", "-12", "+1", "@SUM(A1)", 42, -3));
        assertThat(csv.toString()).isEqualTo(
                "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"'=HYPERLINK(\"\"x\"\")\",-12,'+1,'@SUM(A1),42,-3\r\n");
    }
}
