{{/*
What is ingest-service's own: the topics it reads and writes, and the application config
the chart sets (merged under ingest.config).
*/}}

{{- define "fleetstream.ingest.groupTopicKeys" -}}
gps
{{- end }}

{{- define "fleetstream.ingest.broadcastTopicKeys" -}}
{{- end }}

{{/* only its dead-letter topic */}}
{{- define "fleetstream.ingest.outputTopicKeys" -}}
{{- end }}

{{- define "fleetstream.ingest.configFiles" -}}
{}
{{- end }}

{{- define "fleetstream.ingest.applicationConfig" -}}
fleet:
  routes:
    gps:
      topics: {{ .root.Values.global.topics.gps | quote }}
{{- end }}
