package io.invitehub.adapter.in.http.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * What a route answers when it succeeds: the status, the media type and, for JSON, the record it writes
 * (one, a list, or a page of them). Declared by the handlers next to their {@link RequestShape}s; the
 * OpenAPI document describes every route with it, and a test checks the running routes against it (ADR 40).
 */
public final class ResponseShape {
    /** How the body holds the record: one object, a JSON array, or a page ({@code {items, next_cursor}}, {@link PageBody}). */
    public enum Form { NONE, OBJECT, LIST, PAGE, TEXT }

    private final int status;
    private final Form form;
    private final Optional<Class<?>> body;
    private final String mediaType;

    private ResponseShape(int status, Form form, Optional<Class<?>> body, String mediaType) {
        this.status = status;
        this.form = Objects.requireNonNull(form, "form");
        this.body = Objects.requireNonNull(body, "body");
        this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    }

    /** 200 with one JSON object of {@code type}. */
    public static ResponseShape ok(Class<?> type) {
        return new ResponseShape(200, Form.OBJECT, Optional.of(type), ContentTypes.JSON);
    }

    /** 201 with the created resource. */
    public static ResponseShape created(Class<?> type) {
        return new ResponseShape(201, Form.OBJECT, Optional.of(type), ContentTypes.JSON);
    }

    /** 202 with one JSON object of {@code type}: taken, the work follows later. */
    public static ResponseShape accepted(Class<?> type) {
        return new ResponseShape(202, Form.OBJECT, Optional.of(type), ContentTypes.JSON);
    }

    /** 200 with a JSON array of {@code type}. */
    public static ResponseShape list(Class<?> type) {
        return new ResponseShape(200, Form.LIST, Optional.of(type), ContentTypes.JSON);
    }

    /** 200 with a page of {@code type} ({@link PageBody}). */
    public static ResponseShape page(Class<?> type) {
        return new ResponseShape(200, Form.PAGE, Optional.of(type), ContentTypes.JSON);
    }

    /** 204, no body. */
    public static ResponseShape noContent() {
        return new ResponseShape(204, Form.NONE, Optional.empty(), "");
    }

    /** 200 with a body of {@code mediaType} that is not JSON of a record (a page, plain text, a script). */
    public static ResponseShape text(String mediaType) {
        return new ResponseShape(200, Form.TEXT, Optional.empty(), mediaType);
    }

    public int status() {
        return status;
    }

    public Form form() {
        return form;
    }

    public Optional<Class<?>> body() {
        return body;
    }

    /** The media type of the body ({@code application/json} for records); empty for 204. */
    public String mediaType() {
        return mediaType;
    }

    @Override
    public String toString() {
        return status + " " + form + body.map(c -> " " + c.getSimpleName()).orElse("") + (mediaType.isEmpty() ? "" : " " + mediaType);
    }
}
