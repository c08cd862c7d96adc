package dev.modelgate.webhook.review;

/** The body is not an AdmissionReview v1 we can answer: HTTP 400 with this message. */
public final class BadRequestException extends Exception {

  public BadRequestException(String message) {
    super(message, null, false, false);
  }
}
