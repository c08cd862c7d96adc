{{/* Names, labels and shared blocks. Rendering never reads a cluster: no cluster look-ups here. */}}

{{- define "modelgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "modelgate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "modelgate.operator.fullname" -}}
{{- printf "%s-operator" (include "modelgate.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "modelgate.webhook.fullname" -}}
{{- printf "%s-webhook" (include "modelgate.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "modelgate.webhook.tlsSecret" -}}
{{- printf "%s-tls" (include "modelgate.webhook.fullname" .) -}}
{{- end -}}

{{- define "modelgate.store.claim" -}}
{{- default (printf "%s-store" (include "modelgate.fullname" .)) .Values.store.persistence.existingClaim -}}
{{- end -}}

{{- define "modelgate.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Labels shared by every resource. */}}
{{- define "modelgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "modelgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: modelgate
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "component" "operator"). */}}
{{- define "modelgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "modelgate.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "modelgate.componentLabels" -}}
{{ include "modelgate.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Pod-level security context: non-root, RuntimeDefault seccomp. */}}
{{- define "modelgate.podSecurityContext" -}}
runAsNonRoot: true
{{- with .Values.securityContext.runAsUser }}
runAsUser: {{ . }}
{{- end }}
{{- with .Values.securityContext.runAsGroup }}
runAsGroup: {{ . }}
{{- end }}
{{- with .Values.securityContext.fsGroup }}
fsGroup: {{ . }}
{{- end }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security context. Fixed on purpose: these are not values. */}}
{{- define "modelgate.containerSecurityContext" -}}
runAsNonRoot: true
{{- with .Values.securityContext.runAsUser }}
runAsUser: {{ . }}
{{- end }}
{{- with .Values.securityContext.runAsGroup }}
runAsGroup: {{ . }}
{{- end }}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The webhook's CA and serving certificate, generated once per render and cached on the root
context, so the Secret, the caBundle in the ValidatingWebhookConfiguration and the Deployment's
checksum annotation all see the same pair whatever order Helm renders the files in.
*/}}
{{- define "modelgate.webhook.certs" -}}
{{- if not (hasKey . "modelgateWebhookCerts") -}}
{{- $svc := include "modelgate.webhook.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- $names := list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.%s" $svc $ns .Values.clusterDomain) -}}
{{- $days := int .Values.webhook.tls.validityDays -}}
{{- $ca := genCA (printf "%s-ca" (include "modelgate.fullname" .)) $days -}}
{{- $cert := genSignedCert (printf "%s.%s.svc" $svc $ns) nil $names $days $ca -}}
{{- $_ := set . "modelgateWebhookCerts" (dict "caCert" $ca.Cert "cert" $cert.Cert "key" $cert.Key) -}}
{{- end -}}
{{- toYaml (get . "modelgateWebhookCerts") -}}
{{- end -}}

{{/* Namespaces the workload webhook never sees: the configured list plus the release namespace. */}}
{{- define "modelgate.webhook.exemptNamespaces" -}}
{{- $all := append (default (list) .Values.webhook.exemptNamespaces) .Release.Namespace -}}
{{- toYaml (uniq $all) -}}
{{- end -}}

{{/* matchConditions need Kubernetes 1.28+ (beta, on by default; GA in 1.30). */}}
{{- define "modelgate.webhook.matchConditionsSupported" -}}
{{- if and .Values.webhook.matchConditions (semverCompare ">=1.28-0" .Capabilities.KubeVersion.Version) -}}
true
{{- end -}}
{{- end -}}
