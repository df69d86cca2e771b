package io.invitehub.adapter.in.http.wire;

import io.invitehub.application.shared.port.in.Page;
import io.javalin.http.Context;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A list page on the wire: {@code items} and the opaque cursor of the next page (null on the last one). */
public record PageBody<T>(List<T> items, String nextCursor) {

    /**
     * Answers a page as {@code {items, next_cursor}}, whatever the request's parameters: the reference's
     * plain arrays are served by its own dialect under {@code /reference} (docs/compatibility.md).
     */
    public static <T, R> void answer(Context ctx, Page<T> page, Function<T, R> toBody) {
        List<R> items = page.items().stream().map(toBody).collect(Collectors.toList());
        ctx.json(new PageBody<>(items, page.nextCursor().orElse(null)));
    }
}
