package io.invitehub.adapter.in.http.exports;

import io.invitehub.application.exports.port.in.PreparedExport;
import io.invitehub.application.exports.view.ExportCell;
import io.invitehub.application.exports.view.ExportKind;
import io.invitehub.application.exports.view.RowSink;
import io.invitehub.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTest {

    @Test
    void textCellsStartingWithAFormulaCharacterGetAnApostropheAndNumbersNever() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvExport.neutralised(formula)).isEqualTo("'" + formula);
        }
        for (String plain : List.of("", "a=1", "客户", "1-2", " =1", "'=1")) {
            assertThat(CsvExport.neutralised(plain)).isEqualTo(plain);
        }
    }

    @Test
    void writesABomTheHeaderAndRfc4180Records() throws Exception {
        PreparedExport export = new PreparedExport() {
            public ExportKind kind() { return ExportKind.ORDERS; }
            public List<String> columns() { return List.of("name", "amount", "count"); }
            public String fileName() { return "x.csv"; }
            public long writeTo(RowSink sink) {
                sink.accept(List.of(ExportCell.text("=cmd|' /C calc'!A0"), ExportCell.amount(Money.ofMinor(-300, Money.CNY)),
                        ExportCell.number(-2L)));
                sink.accept(List.of(ExportCell.text("张三, \"VIP\"\nline 2"), ExportCell.amount(Money.ofMinor(1250, Money.CNY)),
                        ExportCell.empty()));
                return 2;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(CsvExport.write(export, out)).isEqualTo(2);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "name,amount,count\r\n"
                        + "'=cmd|' /C calc'!A0,-3.00,-2\r\n"
                        + "\"张三, \"\"VIP\"\"\nline 2\",12.50,\r\n");
    }
}
