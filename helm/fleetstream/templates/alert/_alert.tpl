{{/*
What is alert-service's own: the topics it reads and writes, its rules (alert.rules, a
rules file in its ConfigMap) and SNS delivery (alert.sns), and the application config the
chart sets (merged under alert.config).
*/}}

{{- define "fleetstream.alert.groupTopicKeys" -}}
enriched,schemaChanges
{{- end }}

{{- define "fleetstream.alert.broadcastTopicKeys" -}}
{{- end }}

{{- define "fleetstream.alert.outputTopicKeys" -}}
alerts
{{- end }}

{{/* Where the ConfigMap's rules file is mounted (the config volume). */}}
{{- define "fleetstream.alert.rulesFile" -}}
/etc/fleetstream/config/rules.yaml
{{- end }}

{{/*
alert.rules as alert-service's rules file (fleet.alert.rules-file): each rule replaces
the shipped rule of the same id as a whole; the others are kept.
*/}}
{{- define "fleetstream.alert.configFiles" -}}
{{- if .root.Values.alert.rules }}
{{- dict "rules.yaml" (dict "rules" .root.Values.alert.rules) | toYaml }}
{{- else }}
{}
{{- end }}
{{- end }}

{{/* The region of the SNS client: alert.sns.region, else global.aws.region. */}}
{{- define "fleetstream.alert.snsRegion" -}}
{{- default .root.Values.global.aws.region .root.Values.alert.sns.region }}
{{- end }}

{{/*
Every SNS topic alert-service may publish to, as a JSON list: the default topic, the
operations topic (schema changes) and each rule's targets (alert.rules, and rules set through alert.config). The IRSA role needs
sns:Publish on exactly these (iam/alert-service.json); NOTES.txt lists them.
*/}}
{{- define "fleetstream.alert.snsTopicArns" -}}
{{- $a := .root.Values.alert }}
{{- $arns := list }}
{{- with $a.sns.topicArn }}
{{- $arns = append $arns . }}
{{- end }}
{{- with $a.sns.operationsTopicArn }}
{{- $arns = append $arns . }}
{{- end }}
{{- $configured := dig "fleet" "alert" "rules" (dict) ($a.config | default (dict)) }}
{{- range $id, $rule := mustMergeOverwrite (deepCopy $configured) (deepCopy ($a.rules | default (dict))) }}
{{- range $target := dig "targets" (list) $rule }}
{{- $arns = append $arns $target }}
{{- end }}
{{- end }}
{{- $arns | uniq | sortAlpha | toJson }}
{{- end }}

{{- define "fleetstream.alert.applicationConfig" -}}
{{- $root := .root }}
{{- $a := $root.Values.alert }}
{{- $t := $root.Values.global.topics }}
{{- $arns := include "fleetstream.alert.snsTopicArns" . | fromJsonArray }}
{{- $region := include "fleetstream.alert.snsRegion" . }}
{{- if and $arns (not $a.sns.topicArn) }}
{{- fail (printf "alert.rules name SNS targets (%s) but alert.sns.topicArn is empty: without a default topic alert-service runs log-only and publishes to no topic" (join ", " $arns)) }}
{{- end }}
{{- range $arn := $arns }}
{{- $arnRegion := index (splitList ":" $arn) 3 }}
{{- if ne $arnRegion $region }}
{{- fail (printf "SNS topic %s is in region %s, but alert-service publishes through one SNS client in region %s (alert.sns.region, else global.aws.region)" $arn $arnRegion (default "(none)" $region)) }}
{{- end }}
{{- end }}
fleet:
  routes:
    enriched:
      topics: {{ $t.enriched | quote }}
    schema-changes:
      topics: {{ $t.schemaChanges | quote }}
  alert:
    episodes:
      outlier-topic: {{ $t.alerts | quote }}
    sns:
      # empty: log-only (alerts logged, counted and published to the outlier topic, not e-mailed)
      topic-arn: {{ $a.sns.topicArn | quote }}
      # schema-change events (rule schema-change); empty: the default topic
      operations-topic-arn: {{ $a.sns.operationsTopicArn | quote }}
    {{- if $a.rules }}
    rules-file: {{ include "fleetstream.alert.rulesFile" . | quote }}
    {{- end }}
{{- if $arns }}
spring:
  cloud:
    aws:
      region:
        static: {{ $region | quote }}
{{- end }}
{{- end }}
