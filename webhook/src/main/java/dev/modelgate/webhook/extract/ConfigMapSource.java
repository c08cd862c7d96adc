package dev.modelgate.webhook.extract;

/** Hands out the {@link ConfigMapView} of a namespace; the admission handler asks per request. */
@FunctionalInterface
public interface ConfigMapSource {

  /** Every namespace gets {@link ConfigMapView#NONE}. */
  ConfigMapSource NONE = namespace -> ConfigMapView.NONE;

  ConfigMapView in(String namespace);
}
