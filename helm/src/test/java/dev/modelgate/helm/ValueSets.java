package dev.modelgate.helm;

/** Value sets the chart is tested with (YAML merged over values.yaml). */
final class ValueSets {
  static final String DEFAULTS = "";

  static final String CERT_MANAGER = "webhook: {tls: {certManager: {enabled: true}}}";

  static final String CUSTOM_EXEMPT =
      "webhook: {exemptNamespaces: [kube-system, monitoring, ml-sandbox], honorEnforcementOffLabel: false}";

  static final String EVERYTHING_ON =
      """
      webhook:
        replicas: 3
        podAntiAffinity: hard
        tls: {certManager: {enabled: true, issuerRef: {kind: ClusterIssuer, name: corp-ca, group: cert-manager.io}}}
      operator:
        replicas: 2
      store:
        persistence: {accessModes: [ReadWriteMany], storageClassName: nfs, size: 1Ti}
      networkPolicy:
        egress: {enabled: true}
      serviceMonitor: {enabled: true, labels: {release: prometheus}}
      """;

  private ValueSets() {}
}
