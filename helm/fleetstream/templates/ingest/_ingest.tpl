{{/*
What is ingest-service's own: the global.topics keys it reads, and the application
config the chart sets (merged under ingest.config).
*/}}

{{- define "fleetstream.ingest.topicKeys" -}}
gps
{{- end }}

{{- define "fleetstream.ingest.applicationConfig" -}}
fleet:
  kafka:
    # topics are created ahead in production (README "Topics"); the service only checks them
    create-topics: false
  routes:
    gps:
      topics: {{ .root.Values.global.topics.gps | quote }}
{{- end }}
