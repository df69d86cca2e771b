package io.invitehub.adapter.in.http.wire;

import io.invitehub.application.shared.port.in.Page;
import io.javalin.http.Context;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A list page on the wire: {@code items} and the opaque cursor of the next page (null on the last one). */
public record PageBody<T>(List<T> items, String nextCursor) {

    /**
     * Answers a page as {@code {items, next_cursor}}; but when the request gave {@code limit} and no
     * {@code cursor} parameter at all, as the plain array of the first page (the reference's shape, for old clients).
     */
    public static <T, R> void answer(Context ctx, Page<T> page, Function<T, R> toBody) {
        List<R> items = page.items().stream().map(toBody).collect(Collectors.toList());
        boolean plainArray = ctx.queryParam("limit") != null && !ctx.queryParamMap().containsKey("cursor");
        if (plainArray) {
            ctx.json(items);
        } else {
            ctx.json(new PageBody<>(items, page.nextCursor().orElse(null)));
        }
    }
}
