package io.invitehub.adapter.in.http.settlement;

import io.invitehub.application.settlement.view.StatementView;
import io.invitehub.domain.settlement.StatementState;
import io.invitehub.domain.shared.Money;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;

/**
 * Staff's settlement files of one month (ADR 37, docs/api.md), RFC 4180 with Commons CSV like the exports:
 * {@code collect}: one row per distributor and statement with its numbers and the amount still to collect;
 * {@code payouts}: one row per statement that closed in credit and is not paid yet, in the column layout of
 * PayPal's Payouts CSV upload ({@code recipient email, amount, currency, reference id, note}), which Wise's batch
 * file takes by renaming its columns (docs/api.md).
 */
final class SettlementFiles {
    enum Layout { COLLECT, PAYOUTS }

    private SettlementFiles() {
    }

    static void write(Layout layout, List<StatementView> statements, Currency currency, OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        if (layout == Layout.COLLECT) {
            csv.printRecord("distributor_id", "username", "email", "period", "state", "currency", "opening", "charges", "charges_count",
                    "payments", "refunds", "adjustments", "payouts", "closing", "to_collect", "payment_reference");
            for (StatementView s : statements) {
                long closing = s.totals().closing();
                long toCollect = s.state() == StatementState.PAID ? 0 : Math.max(closing, 0);
                csv.printRecord(s.distributor().value(), text(s.username().orElse("")), text(s.email().orElse("")), s.period(), s.state(),
                        s.currency(), major(s.totals().opening(), currency), major(s.totals().charges(), currency), s.totals().chargesCount(),
                        major(s.totals().payments(), currency), major(s.totals().refunds(), currency), major(s.totals().adjustments(), currency),
                        major(s.totals().payouts(), currency), major(closing, currency), major(toCollect, currency),
                        text(s.paymentReference().orElse("")));
            }
        } else {
            csv.printRecord("recipient_email", "amount", "currency", "reference_id", "note");
            for (StatementView s : statements) {
                if (s.totals().closing() < 0 && s.state() != StatementState.PAID) {
                    csv.printRecord(text(s.email().orElse("")), major(-s.totals().closing(), currency), s.currency(),
                            "IH-" + s.id().orElseThrow() + "-" + s.period(), text("InviteHub credit " + s.period()));
                }
            }
        }
        csv.flush();
    }

    private static String major(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).toMajor().toPlainString();
    }

    /** Text cells neutralised like the exports: a leading {@code = + - @}, tab or CR gets an apostrophe. */
    private static String text(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }
}
