{{/*
What is enrichment-service's own: the topics it reads and writes, and the application
config the chart sets (merged under enrichment.config). Its routes are in its
application.yaml: cdc (broadcast: every replica reads every partition of the CDC topics,
no consumer group, nothing committed) and telemetry (the consumer group, started once the
snapshot has caught up).
*/}}

{{/* the telemetry route, in the consumer group (KEDA scales on its lag) */}}
{{- define "fleetstream.enrichment.groupTopicKeys" -}}
gps,status
{{- end }}

{{/* the cdc route: each replica holds the whole car/device snapshot */}}
{{- define "fleetstream.enrichment.broadcastTopicKeys" -}}
cdcCarinfo,cdcDeviceinfo
{{- end }}

{{- define "fleetstream.enrichment.outputTopicKeys" -}}
enriched,schemaChanges
{{- end }}

{{- define "fleetstream.enrichment.configFiles" -}}
{}
{{- end }}

{{- define "fleetstream.enrichment.applicationConfig" -}}
{{- $t := .root.Values.global.topics }}
{{- $p := .root.Values.topics.partitions }}
{{- if ne (int $p.gps) (int $p.status) }}
{{- fail (printf "topics.partitions.gps (%d) and topics.partitions.status (%d) must be equal: enrichment-service reads both in one route, co-partitioned by car id (a car's GPS and status must meet in one consumer)" (int $p.gps) (int $p.status)) }}
{{- end }}
fleet:
  routes:
    cdc:
      topics: {{ printf "%s,%s" $t.cdcCarinfo $t.cdcDeviceinfo | quote }}
    telemetry:
      topics: {{ printf "%s,%s" $t.gps $t.status | quote }}
  enrichment:
    telemetry:
      # the telemetry route's topic parsed as GPS fixes (every other one carries status messages)
      gps-topics: {{ $t.gps | quote }}
      enriched-topic: {{ $t.enriched | quote }}
    schema:
      topic: {{ $t.schemaChanges | quote }}
{{- end }}
