package io.invitehub.adapter.in.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's notify route speaks the gateway's language: plain text success/fail, by GET or POST form. */
class ShopNotifyRouteTest {
    @RegisterExtension
    final ApiFixture fixture = new ApiFixture();

    @Test
    void getPassesTheQueryAndAnswersPlainText() {
        HttpResponse<String> ok = fixture.get("/api/v1/public/shop/notify?out_trade_no=X&trade_status=TRADE_SUCCESS&name=%E4%BC%9A%E5%91%98");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("success");
        assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(fixture.shop.notifications.get(0)).containsEntry("out_trade_no", "X").containsEntry("name", "会员");

        assertThat(fixture.get("/api/v1/public/shop/notify?trade_status=WAIT").body()).isEqualTo("fail");
    }

    @Test
    void postPassesTheFormAndAFailureInsideIsFailNotAProblem() {
        HttpResponse<String> ok = fixture.post("/api/v1/public/shop/notify", "application/x-www-form-urlencoded",
                "out_trade_no=Y&trade_status=TRADE_SUCCESS");
        assertThat(ok.body()).isEqualTo("success");
        assertThat(fixture.shop.notifications.get(0)).containsEntry("out_trade_no", "Y");

        fixture.shop.notifyFailure = new IllegalStateException("database down");
        HttpResponse<String> failed = fixture.post("/api/v1/public/shop/notify", "application/x-www-form-urlencoded",
                "out_trade_no=Y&trade_status=TRADE_SUCCESS");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).isEqualTo("fail");
    }
}
