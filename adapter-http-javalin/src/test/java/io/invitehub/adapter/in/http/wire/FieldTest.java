package io.invitehub.adapter.in.http.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitehub.domain.order.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shapes of {@link Field}: what each kind admits and what it refuses, naming the field. */
class FieldTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static void refused(Runnable check, String field, String detailPart) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(field).contains(detailPart);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0001", "a\u001b[2J", "a\u007f", "a\u0085", "a\u009f", "a\nb", "a\rb", "a\tb", "\ud800", "a\udc00b",
            "\uffff"})
    void textRefusesNulControlCharactersAndUnpairedSurrogates(String value) {
        refused(() -> Field.text("name", 100).check(value), "name", "must not contain");
    }

    @Test
    void proseKeepsLineBreaksAndTabsButNoOtherControlCharacter() {
        Field note = Field.prose("note", 100);
        assertThatCode(() -> note.check("line one\r\nline two\tend")).doesNotThrowAnyException();
        refused(() -> note.check("bell\u0007"), "note", "a control character (U+0007)");
        refused(() -> note.check("nul\u0000"), "note", "a NUL character (U+0000)");
    }

    @Test
    void textKeepsEverythingPrintableIncludingEmojiAndJoinersUpToItsBound() {
        Field name = Field.text("name", 20);
        assertThatCode(() -> name.check("Team 👨‍👩‍👧 ü")).doesNotThrowAnyException();
        assertThatCode(() -> name.check("a".repeat(20))).doesNotThrowAnyException();
        refused(() -> name.check("a".repeat(21)), "name", "at most 20 characters");
    }

    @Test
    void anEmailIsPrintableAndBoundedButItsFormIsLeftToTheEmailValue() {
        Field email = Field.email("email");
        assertThatCode(() -> email.check("  Alice@Example.com ")).doesNotThrowAnyException();
        assertThatCode(() -> email.check("not an email")).as("blanks: INVALID_EMAIL comes from the value itself").doesNotThrowAnyException();
        refused(() -> email.check("a\u200b@example.com"), "email", "invisible");
        refused(() -> email.check("\u202eevil@example.com"), "email", "invisible");
        refused(() -> email.check("a\u00a0b@example.com"), "email", "blank");
        refused(() -> email.check("a".repeat(255)), "email", "at most 254");
        refused(() -> email.check("x\u0000@example.com"), "email", "NUL");
    }

    @Test
    void aCodeMayHaveBlanksAndHyphensButNothingInvisible() {
        Field code = Field.code("code");
        assertThatCode(() -> code.check(" hub2 7kq3-m9xh-2rtw ")).doesNotThrowAnyException();
        refused(() -> code.check("HUB2\u2028"), "code", "invisible");
        refused(() -> code.check("H".repeat(65)), "code", "at most 64");
    }

    @Test
    void aTokenIsPrintableAsciiWithoutBlanksAndMayHaveAForm() {
        Field token = Field.token("cursor", 10);
        assertThatCode(() -> token.check("")).doesNotThrowAnyException();
        assertThatCode(() -> token.check("djF8c2Fs")).doesNotThrowAnyException();
        refused(() -> token.check("a b"), "cursor", "printable ASCII");
        refused(() -> token.check("ümlaut"), "cursor", "printable ASCII");
        Field uuid = Field.token("id", 36, Pattern.compile("^[0-9a-f-]{36}$"), "a UUID", "5b0c6a57-4f0e-4c6b-9a53-2f1d7d0e8c11")
                .labelled("invitation id");
        refused(() -> uuid.check("nope"), "id", "invitation id must be a UUID");
        assertThat(uuid.example()).isEqualTo("5b0c6a57-4f0e-4c6b-9a53-2f1d7d0e8c11");
    }

    @Test
    void wholeNumbersAreRangeCheckedAsTextAndAsJson() {
        Field days = Field.integer("days", 1, 366);
        assertThatCode(() -> days.check("366")).doesNotThrowAnyException();
        assertThatCode(() -> days.check(json("1"))).doesNotThrowAnyException();
        for (String bad : new String[]{"0", "367", "-1", "99999999999999999999", "1.5", "1e3", "0x10", " 1", ""}) {
            refused(() -> days.check(bad), "days", "days must be");
        }
        refused(() -> days.check(json("367")), "days", "must be between 1 and 366");
        refused(() -> days.check(json("1.0")), "days", "not a fraction");
        refused(() -> days.check(json("1e30")), "days", "not a fraction");
        refused(() -> days.check(json("99999999999999999999999")), "days", "between 1 and 366");
        refused(() -> days.check(json("\"5\"")), "days", "not a string");
        refused(() -> days.check(json("true")), "days", "not a boolean");
        refused(() -> days.check(json("{}")), "days", "not an object");
        assertThatCode(() -> days.check(json("null"))).as("null is absent").doesNotThrowAnyException();
    }

    @Test
    void anIdIsAPositiveBigintAndItsRefusalUsesItsLabel() {
        Field id = Field.id("id").labelled("code id");
        assertThatCode(() -> id.check(Long.toString(Long.MAX_VALUE))).doesNotThrowAnyException();
        refused(() -> id.check("9223372036854775808"), "id", "code id must be a positive number");
        refused(() -> id.check("0"), "id", "code id must be a positive number");
        refused(() -> id.check("abc"), "id", "code id must be a positive number");
        refused(() -> id.check(json("-4")), "id", "code id must be a positive number");
    }

    @Test
    void idListsAreArraysOfPositiveNumbersWithinTheirCount() {
        Field ids = Field.ids("ids", 3);
        assertThatCode(() -> ids.check(json("[1,2,3]"))).doesNotThrowAnyException();
        for (String bad : new String[]{"[]", "[1,2,3,4]", "[0]", "[\"1\"]", "[1.5]", "[null]", "\"1,2\"", "7", "{}"}) {
            refused(() -> ids.check(json(bad)), "ids", "ids must");
        }
    }

    @Test
    void timestampsAndDatesLieBetween1970And9999() {
        Field from = Field.timestamp("from");
        for (String ok : new String[]{"1970-01-01", "9999-12-31", "2026-03-01T00:00:00+08:00", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"}) {
            assertThatCode(() -> from.check(ok)).as(ok).doesNotThrowAnyException();
        }
        for (String far : new String[]{"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-01-01", "1969-12-31",
                "1969-12-31T23:59:59Z", "+10000-01-01", "9999-12-31T23:59:59-14:00"}) {
            refused(() -> from.check(far), "from", "between 1970-01-01 and 9999-12-31");
        }
        refused(() -> from.check("yesterday"), "from", "ISO-8601");
        assertThat(HttpRequests.moment("9999-12-31", "to", true)).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    @Test
    void choicesAreNamesOfTheEnumInAnyCaseWithHyphens() {
        Field status = Field.choice("status", OrderStatus.class);
        assertThatCode(() -> status.check("paid")).doesNotThrowAnyException();
        assertThatCode(() -> status.check(" Pending ")).doesNotThrowAnyException();
        refused(() -> status.check("happy"), "status", "must be one of pending, paid");
    }

    @Test
    void decimalsAreNonNegativeStringsWithDigitsOnly() {
        Field price = Field.decimal("price");
        assertThatCode(() -> price.check(json("\"12.50\""))).doesNotThrowAnyException();
        for (String bad : new String[]{"\"-1.00\"", "\"1e9\"", "\"NaN\"", "\"1" + "0".repeat(20) + "\"", "\"12.\""}) {
            refused(() -> price.check(json(bad)), "price", "non-negative decimal");
        }
        refused(() -> price.check(json("12.5")), "price", "must be a string, not a number");
    }

    @Test
    void booleansAreJsonBooleans() {
        Field active = Field.bool("active");
        assertThatCode(() -> active.check(json("false"))).doesNotThrowAnyException();
        refused(() -> active.check(json("\"true\"")), "active", "true or false");
        refused(() -> active.check(json("1")), "active", "true or false");
    }

    @Test
    void everyExampleIsAdmittedByItsOwnField() {
        for (Field field : new Field[]{Field.text("a", 5), Field.prose("b", 5), Field.email("c"), Field.code("d"), Field.token("e", 8),
                Field.integer("f", -5, -1), Field.integer("g", 0, 10), Field.id("h"), Field.bool("i"), Field.decimal("j"),
                Field.timestamp("k"), Field.choice("l", OrderStatus.class)}) {
            assertThatCode(() -> field.check(field.example())).as(field.toString()).doesNotThrowAnyException();
        }
    }
}
