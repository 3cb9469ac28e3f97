{{/*
Names and labels (the app.kubernetes.io/* set). A service's templates pass a context
dict: "root" (the chart's top-level context) and "key" (its values key: ingest, later
enrichment and alert); see _service.tpl.
*/}}

{{- define "fleetstream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fleetstream.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "fleetstream.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fleetstream.labels" -}}
helm.sh/chart: {{ include "fleetstream.chart" . }}
{{ include "fleetstream.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: fleetstream
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "fleetstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fleetstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* A service's resource name: <fullname>-<key>, e.g. fleetstream-ingest. */}}
{{- define "fleetstream.service.fullname" -}}
{{- printf "%s-%s" (include "fleetstream.fullname" .root) .key | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fleetstream.service.labels" -}}
{{ include "fleetstream.labels" .root }}
app.kubernetes.io/component: {{ .key }}
{{- end }}

{{- define "fleetstream.service.selectorLabels" -}}
{{ include "fleetstream.selectorLabels" .root }}
app.kubernetes.io/component: {{ .key }}
{{- end }}

{{- define "fleetstream.service.serviceAccountName" -}}
{{- $v := index .root.Values .key }}
{{- if $v.serviceAccount.create }}
{{- default (include "fleetstream.service.fullname" .) $v.serviceAccount.name }}
{{- else }}
{{- default "default" $v.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "fleetstream.service.image" -}}
{{- $v := index .root.Values .key }}
{{- $registry := default .root.Values.global.imageRegistry $v.image.registry }}
{{- $repository := ternary (printf "%s/%s" $registry $v.image.repository) $v.image.repository (ne $registry "") }}
{{- if $v.image.digest }}
{{- printf "%s@%s" $repository $v.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion $v.image.tag) }}
{{- end }}
{{- end }}

{{/*
The services' Spring profiles for the chosen auth modes (docs/security.md): one Kafka
profile, one Redis profile (redis-tls beside elasticache-iam only to trust a private CA).
*/}}
{{- define "fleetstream.authProfiles" -}}
{{- $g := .Values.global }}
{{- $profiles := list }}
{{- if eq $g.kafka.authMode "iam" }}
{{- $profiles = append $profiles "msk-iam" }}
{{- else if eq $g.kafka.authMode "tls" }}
{{- $profiles = append $profiles "kafka-tls" }}
{{- end }}
{{- if eq $g.redis.authMode "iam" }}
{{- if not $g.redis.tls.enabled }}
{{- fail "global.redis.authMode iam needs global.redis.tls.enabled: ElastiCache accepts IAM users over TLS only" }}
{{- end }}
{{- $profiles = append $profiles "elasticache-iam" }}
{{- if $g.redis.tls.caSecret.name }}
{{- $profiles = append $profiles "redis-tls" }}
{{- end }}
{{- else if $g.redis.tls.enabled }}
{{- $profiles = append $profiles "redis-tls" }}
{{- end }}
{{- join "," $profiles }}
{{- end }}

{{/* Kafka bootstrap servers, required. */}}
{{- define "fleetstream.kafka.bootstrapServers" -}}
{{- required "global.kafka.bootstrapServers is required (MSK: the IAM bootstrap brokers, port 9098)" .Values.global.kafka.bootstrapServers }}
{{- end }}

{{/*
Every topic the enabled services read or write, once (ingest- and enrichment-service both
read cars.gps.json; enrichment writes cars.enriched.json, alert reads it), as JSON
{name: {key, partitions, deadLetter, config}}: deadLetter when a service reads it (its
dead-letter topic is name + global.kafka.deadLetterSuffix, with at least as many
partitions); config is topics.config with topics.configByTopic.<key> over it.
*/}}
{{- define "fleetstream.topics" -}}
{{- $root := . }}
{{- $topics := dict }}
{{- range $key := splitList "," (include "fleetstream.serviceKeys" $root) }}
{{- if (index $root.Values $key).enabled }}
{{- $ctx := dict "root" $root "key" $key }}
{{- range $kind := list "groupTopicKeys" "broadcastTopicKeys" "outputTopicKeys" }}
{{- range $topicKey := include "fleetstream.service.keys" (merge (dict "kind" $kind) $ctx) | fromJsonArray }}
{{- $name := required (printf "global.topics.%s is required" $topicKey) (index $root.Values.global.topics $topicKey) }}
{{- $partitions := required (printf "topics.partitions.%s is required" $topicKey) (index $root.Values.topics.partitions $topicKey) }}
{{- $read := ne $kind "outputTopicKeys" }}
{{- $known := get $topics $name | default (dict) }}
{{- $config := mustMergeOverwrite (deepCopy $root.Values.topics.config) (deepCopy (index $root.Values.topics.configByTopic $topicKey | default (dict))) }}
{{- $_ := set $topics $name (dict "key" $topicKey "partitions" (int $partitions) "deadLetter" (or $read (get $known "deadLetter" | default false)) "config" $config) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson $topics }}
{{- end }}
