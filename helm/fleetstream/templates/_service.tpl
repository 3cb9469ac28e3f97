{{/*
The resources every FleetStream service has, written once. A service's folder
(templates/<key>/) renders them with its context, (dict "root" $ "key" "<key>"), and
defines in _<key>.tpl what is its own:
  "fleetstream.<key>.applicationConfig"   its application.yaml (merged under <key>.config)
  "fleetstream.<key>.configFiles"         more files of its ConfigMap, a YAML map file -> content ({} if none)
  "fleetstream.<key>.groupTopicKeys"      the global.topics keys its consumer group reads (KEDA's lag)
  "fleetstream.<key>.broadcastTopicKeys"  the keys every replica reads in full, without a group ("" if none)
  "fleetstream.<key>.outputTopicKeys"     the keys it produces to, besides dead-letter topics ("" if none)
Adding a service is copying templates/ingest/ and the ingest values key, and adding the
key to "fleetstream.serviceKeys" (README "Adding a service").
*/}}

{{/* The services the chart knows, comma-separated. */}}
{{- define "fleetstream.serviceKeys" -}}
ingest,enrichment,alert
{{- end }}

{{/* A list-valued part of a service (kind: groupTopicKeys, broadcastTopicKeys, outputTopicKeys), as a list. */}}
{{- define "fleetstream.service.keys" -}}
{{- include (printf "fleetstream.%s.%s" .key .kind) . | splitList "," | compact | toJson }}
{{- end }}

{{/* Where a service serves its OpenAPI document: one path per service, so one ingress host can route all three. */}}
{{- define "fleetstream.service.openApiPath" -}}
/openapi/{{ .key }}
{{- end }}

{{- define "fleetstream.service.values" -}}
{{- toYaml (index .root.Values .key) }}
{{- end }}

{{/* Seconds the pod needs to stop cleanly: preStop pause + a shutdown phase + the in-flight batch. */}}
{{- define "fleetstream.service.minGracePeriod" -}}
{{- $s := (index .root.Values .key).shutdown }}
{{- add $s.preStopSleepSeconds $s.phaseTimeoutSeconds $s.inFlightBatchSeconds }}
{{- end }}

{{- define "fleetstream.service.applicationConfig" -}}
{{- include (printf "fleetstream.%s.applicationConfig" .key) . }}
{{- end }}

{{/* Every service's API authentication, from global.apiAuth (fleet.security.*). */}}
{{- define "fleetstream.apiAuthConfig" -}}
{{- $a := .root.Values.global.apiAuth }}
{{- if and $a.open $a.issuerUri }}
{{- fail "global.apiAuth: set issuerUri or open, not both" }}
{{- end }}
fleet:
  security:
{{- if $a.open }}
    open: true
{{- else }}
    jwt:
      issuer-uri: {{ required "global.apiAuth.issuerUri is required (or global.apiAuth.open: true): the APIs are an OAuth2 resource server" $a.issuerUri | quote }}
      audiences: {{ required "global.apiAuth.audiences needs at least one value with global.apiAuth.issuerUri" (join "," $a.audiences | default "") | quote }}
{{- with $a.tokenHeader }}
      token-header: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* What the chart sets in every service's application.yaml. */}}
{{- define "fleetstream.service.commonConfig" -}}
fleet:
  kafka:
    # topics are created ahead in production (README "Topics"); the service only checks them
    create-topics: false
springdoc:
  api-docs:
    # the services' own default is /v3/api-docs for each: behind one ingress host they need a path each
    path: {{ include "fleetstream.service.openApiPath" . }}
{{- end }}

{{- define "fleetstream.service.configmap" -}}
{{- $v := index .root.Values .key }}
{{- $config := mustMergeOverwrite (include "fleetstream.service.commonConfig" . | fromYaml) (include "fleetstream.service.applicationConfig" . | fromYaml) (include "fleetstream.apiAuthConfig" . | fromYaml) (deepCopy $v.config) }}
{{- $files := include (printf "fleetstream.%s.configFiles" .key) . | fromYaml }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
data:
  # read by Spring Boot through SPRING_CONFIG_ADDITIONAL_LOCATION, over the image's own application.yaml
  application.yaml: |
    {{- toYaml $config | nindent 4 }}
  {{- range $file, $content := $files }}
  {{ $file }}: |
    {{- toYaml $content | nindent 4 }}
  {{- end }}
{{- end }}

{{- define "fleetstream.service.env" -}}
{{- $root := .root }}
{{- $v := index $root.Values .key }}
{{- $g := $root.Values.global }}
{{- $profiles := include "fleetstream.authProfiles" $root | splitList "," | compact }}
{{- $profiles = concat $profiles $v.extraProfiles }}
- name: SPRING_PROFILES_ACTIVE
  value: {{ join "," $profiles | quote }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: "optional:file:/etc/fleetstream/config/"
- name: SERVER_PORT
  value: {{ $v.ports.http | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ $v.ports.management | quote }}
- name: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE
  value: {{ printf "%ds" (int $v.shutdown.phaseTimeoutSeconds) | quote }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "fleetstream.kafka.bootstrapServers" $root | quote }}
- name: SPRING_KAFKA_CONSUMER_GROUP_ID
  value: {{ $v.consumer.groupId | quote }}
- name: SPRING_KAFKA_LISTENER_CONCURRENCY
  value: {{ $v.consumer.concurrency | quote }}
- name: FLEET_KAFKA_DEAD_LETTER_SUFFIX
  value: {{ $g.kafka.deadLetterSuffix | quote }}
{{- if eq $g.kafka.authMode "tls" }}
{{- if $g.kafka.tls.caSecret.name }}
- name: FLEET_KAFKA_CA_CERT
  value: {{ printf "file:/etc/fleetstream/tls/kafka-ca/%s" $g.kafka.tls.caSecret.key | quote }}
{{- end }}
{{- if $g.kafka.tls.clientCertSecret.name }}
- name: FLEET_KAFKA_CLIENT_CERT
  value: {{ printf "file:/etc/fleetstream/tls/kafka-client/%s" $g.kafka.tls.clientCertSecret.certKey | quote }}
- name: FLEET_KAFKA_CLIENT_KEY
  value: {{ printf "file:/etc/fleetstream/tls/kafka-client/%s" $g.kafka.tls.clientCertSecret.keyKey | quote }}
{{- end }}
{{- end }}
{{- if $g.redis.cluster.enabled }}
- name: SPRING_DATA_REDIS_CLUSTER_NODES
  value: {{ required "global.redis.cluster.nodes is required in cluster mode (the configuration endpoint, host:port)" ($g.redis.cluster.nodes | join ",") | quote }}
{{- else }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ required "global.redis.host is required (or global.redis.cluster.enabled with nodes)" $g.redis.host | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ $g.redis.port | quote }}
{{- end }}
{{- if $g.redis.tls.caSecret.name }}
- name: FLEET_REDIS_CA_CERT
  value: {{ printf "file:/etc/fleetstream/tls/redis-ca/%s" $g.redis.tls.caSecret.key | quote }}
{{- end }}
{{- if eq $g.redis.authMode "password" }}
{{- with $g.redis.password.username }}
- name: SPRING_DATA_REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "global.redis.password.existingSecret is required with global.redis.authMode password" $g.redis.password.existingSecret | quote }}
      key: {{ $g.redis.password.existingSecretKey | quote }}
{{- else if eq $g.redis.authMode "iam" }}
- name: FLEET_REDIS_IAM_USER_ID
  value: {{ required (printf "%s.redisIamUserId is required with global.redis.authMode iam" .key) $v.redisIamUserId | quote }}
- name: FLEET_REDIS_IAM_CACHE_NAME
  value: {{ required "global.redis.iam.cacheName is required with global.redis.authMode iam" $g.redis.iam.cacheName | quote }}
- name: FLEET_REDIS_IAM_SERVERLESS
  value: {{ $g.redis.iam.serverless | quote }}
{{- end }}
{{- if or (eq $g.kafka.authMode "iam") (eq $g.redis.authMode "iam") }}
- name: AWS_REGION
  value: {{ required "global.aws.region is required with IAM authentication" $g.aws.region | quote }}
{{- else if $g.aws.region }}
- name: AWS_REGION
  value: {{ $g.aws.region | quote }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "fleetstream.service.deployment" -}}
{{- $root := .root }}
{{- $v := index $root.Values .key }}
{{- $g := $root.Values.global }}
{{- $minGrace := include "fleetstream.service.minGracePeriod" . | int }}
{{- if lt (int $v.terminationGracePeriodSeconds) $minGrace }}
{{- fail (printf "%s.terminationGracePeriodSeconds (%d) must cover shutdown.preStopSleepSeconds + phaseTimeoutSeconds + inFlightBatchSeconds (%d)" .key (int $v.terminationGracePeriodSeconds) $minGrace) }}
{{- end }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      # a new pod is ready before an old one stops: the consumer group rebalances once per pod
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "fleetstream.service.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "fleetstream.service.selectorLabels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        # a changed application config restarts the pods
        checksum/config: {{ include "fleetstream.service.configmap" . | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "fleetstream.service.serviceAccountName" . }}
      # the services never call the Kubernetes API; IRSA's web identity token is a separate projected volume
      automountServiceAccountToken: false
      {{- with $g.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .key }}
          image: {{ include "fleetstream.service.image" . | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $v.ports.http }}
              protocol: TCP
            - name: management
              containerPort: {{ $v.ports.management }}
              protocol: TCP
          env:
            {{- include "fleetstream.service.env" . | trim | nindent 12 }}
          {{- with $v.probes.startup }}
          {{- if .enabled }}
          # start-up includes the topic check against the broker; liveness waits for it
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ .periodSeconds }}
            timeoutSeconds: {{ .timeoutSeconds }}
            failureThreshold: {{ .failureThreshold }}
          {{- end }}
          {{- end }}
          {{- with $v.probes.liveness }}
          {{- if .enabled }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ .periodSeconds }}
            timeoutSeconds: {{ .timeoutSeconds }}
            failureThreshold: {{ .failureThreshold }}
          {{- end }}
          {{- end }}
          {{- with $v.probes.readiness }}
          {{- if .enabled }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            periodSeconds: {{ .periodSeconds }}
            timeoutSeconds: {{ .timeoutSeconds }}
            failureThreshold: {{ .failureThreshold }}
          {{- end }}
          {{- end }}
          lifecycle:
            preStop:
              # the endpoints controller and kube-proxy / the load balancer drop the pod meanwhile,
              # so no request reaches an API that is shutting down
              sleep:
                seconds: {{ $v.shutdown.preStopSleepSeconds }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $v.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: config
              mountPath: /etc/fleetstream/config
              readOnly: true
            {{- if and (eq $g.kafka.authMode "tls") $g.kafka.tls.caSecret.name }}
            - name: kafka-ca
              mountPath: /etc/fleetstream/tls/kafka-ca
              readOnly: true
            {{- end }}
            {{- if and (eq $g.kafka.authMode "tls") $g.kafka.tls.clientCertSecret.name }}
            - name: kafka-client
              mountPath: /etc/fleetstream/tls/kafka-client
              readOnly: true
            {{- end }}
            {{- if $g.redis.tls.caSecret.name }}
            - name: redis-ca
              mountPath: /etc/fleetstream/tls/redis-ca
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpDir.sizeLimit }}
        - name: config
          configMap:
            name: {{ include "fleetstream.service.fullname" . }}
        {{- if and (eq $g.kafka.authMode "tls") $g.kafka.tls.caSecret.name }}
        - name: kafka-ca
          secret:
            secretName: {{ $g.kafka.tls.caSecret.name }}
            items:
              - key: {{ $g.kafka.tls.caSecret.key }}
                path: {{ $g.kafka.tls.caSecret.key }}
        {{- end }}
        {{- if and (eq $g.kafka.authMode "tls") $g.kafka.tls.clientCertSecret.name }}
        - name: kafka-client
          secret:
            secretName: {{ $g.kafka.tls.clientCertSecret.name }}
            # owner and group (fsGroup) read only: the private key is in here
            defaultMode: 288
            items:
              - key: {{ $g.kafka.tls.clientCertSecret.certKey }}
                path: {{ $g.kafka.tls.clientCertSecret.certKey }}
              - key: {{ $g.kafka.tls.clientCertSecret.keyKey }}
                path: {{ $g.kafka.tls.clientCertSecret.keyKey }}
        {{- end }}
        {{- if $g.redis.tls.caSecret.name }}
        - name: redis-ca
          secret:
            secretName: {{ $g.redis.tls.caSecret.name }}
            items:
              - key: {{ $g.redis.tls.caSecret.key }}
                path: {{ $g.redis.tls.caSecret.key }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $v.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml $v.topologySpreadConstraints | nindent 8 }}
      {{- else if $v.topologySpread.default }}
      # replicas spread over zones, then nodes, when the scheduler can (a zone outage leaves consumers)
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "fleetstream.service.selectorLabels" . | nindent 14 }}
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "fleetstream.service.selectorLabels" . | nindent 14 }}
      {{- end }}
{{- end }}

{{- define "fleetstream.service.service" -}}
{{- $v := index .root.Values .key }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $v.service.type }}
  selector:
    {{- include "fleetstream.service.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.ports.http }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ $v.ports.management }}
      targetPort: management
      protocol: TCP
{{- end }}

{{- define "fleetstream.service.serviceAccount" -}}
{{- $v := index .root.Values .key }}
{{- if $v.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "fleetstream.service.serviceAccountName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
  {{- if or $v.serviceAccount.roleArn $v.serviceAccount.annotations }}
  annotations:
    {{- with $v.serviceAccount.roleArn }}
    # IRSA: the pod's AWS credentials (MSK, ElastiCache) are this role's; no static keys
    eks.amazonaws.com/role-arn: {{ . | quote }}
    {{- end }}
    {{- with $v.serviceAccount.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
automountServiceAccountToken: false
{{- end }}
{{- end }}

{{- define "fleetstream.service.pdb" -}}
{{- $v := index .root.Values .key }}
{{- if $v.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "fleetstream.service.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{- define "fleetstream.service.hpa" -}}
{{- $v := index .root.Values .key }}
{{- if and $v.autoscaling.enabled (not $v.autoscaling.keda.enabled) }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "fleetstream.service.fullname" . }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}

{{- define "fleetstream.service.scaledObject" -}}
{{- $root := .root }}
{{- $v := index $root.Values .key }}
{{- $g := $root.Values.global }}
{{- $k := $v.autoscaling.keda }}
{{- if and $v.autoscaling.enabled $k.enabled }}
{{- $needsAuth := or (eq $g.kafka.authMode "iam") (and (eq $g.kafka.authMode "tls") (or $g.kafka.tls.caSecret.name $g.kafka.tls.clientCertSecret.name)) }}
{{- if $needsAuth }}
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata:
  name: {{ include "fleetstream.service.fullname" . }}-kafka
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
spec:
  {{- if eq $g.kafka.authMode "iam" }}
  # MSK IAM through IRSA: no keys; see the chart README for the role KEDA uses
  podIdentity:
    provider: aws
    {{- if $k.podIdentity.roleArn }}
    roleArn: {{ $k.podIdentity.roleArn | quote }}
    {{- else }}
    identityOwner: {{ $k.podIdentity.identityOwner }}
    {{- end }}
  {{- else }}
  secretTargetRef:
    {{- with $g.kafka.tls.caSecret }}
    {{- if .name }}
    - parameter: ca
      name: {{ .name }}
      key: {{ .key }}
    {{- end }}
    {{- end }}
    {{- with $g.kafka.tls.clientCertSecret }}
    {{- if .name }}
    - parameter: cert
      name: {{ .name }}
      key: {{ .certKey }}
    - parameter: key
      name: {{ .name }}
      key: {{ .keyKey }}
    {{- end }}
    {{- end }}
  {{- end }}
---
{{- end }}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    name: {{ include "fleetstream.service.fullname" . }}
  minReplicaCount: {{ $v.autoscaling.minReplicas }}
  maxReplicaCount: {{ $v.autoscaling.maxReplicas }}
  pollingInterval: {{ $k.pollingInterval }}
  cooldownPeriod: {{ $k.cooldownPeriod }}
  triggers:
    {{- range $topicKey := include "fleetstream.service.keys" (merge (dict "kind" "groupTopicKeys") $) | fromJsonArray }}
    # consumer lag of the service's group; KEDA never scales past the topic's partitions
    - type: kafka
      metadata:
        bootstrapServers: {{ include "fleetstream.kafka.bootstrapServers" $root | quote }}
        consumerGroup: {{ $v.consumer.groupId | quote }}
        topic: {{ index $g.topics $topicKey | quote }}
        lagThreshold: {{ $k.lagThreshold | quote }}
        activationLagThreshold: {{ $k.activationLagThreshold | quote }}
        # the services start a new group at the earliest offset (spring.kafka.consumer.auto-offset-reset)
        offsetResetPolicy: earliest
        {{- if eq $g.kafka.authMode "iam" }}
        sasl: oauthbearer
        saslTokenProvider: aws_msk_iam
        tls: enable
        awsRegion: {{ required "global.aws.region is required with IAM authentication" $g.aws.region | quote }}
        {{- else if eq $g.kafka.authMode "tls" }}
        tls: enable
        {{- end }}
      {{- if $needsAuth }}
      authenticationRef:
        name: {{ include "fleetstream.service.fullname" $ }}-kafka
      {{- end }}
    {{- end }}
    - type: cpu
      metricType: Utilization
      metadata:
        value: {{ $v.autoscaling.targetCPUUtilizationPercentage | quote }}
{{- end }}
{{- end }}

{{- define "fleetstream.service.serviceMonitor" -}}
{{- $v := index .root.Values .key }}
{{- if $v.metrics.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
    {{- with $v.metrics.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "fleetstream.service.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames:
      - {{ .root.Release.Namespace }}
  endpoints:
    # actuator serves Prometheus on the management port only
    - port: management
      path: /actuator/prometheus
      interval: {{ $v.metrics.serviceMonitor.interval }}
      scrapeTimeout: {{ $v.metrics.serviceMonitor.scrapeTimeout }}
{{- end }}
{{- end }}

{{- define "fleetstream.service.networkPolicy" -}}
{{- $v := index .root.Values .key }}
{{- $g := .root.Values.global }}
{{- $n := $v.networkPolicy }}
{{- if $n.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "fleetstream.service.fullname" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "fleetstream.service.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "fleetstream.service.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    {{- if $n.egress.enabled }}
    - Egress
    {{- end }}
  ingress:
    - ports:
        - port: http
          protocol: TCP
      {{- with $n.apiFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    - ports:
        - port: management
          protocol: TCP
      {{- with $n.managementFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- if $n.egress.enabled }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - ports:
        {{- range $n.egress.kafkaPorts }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
        - port: {{ $g.redis.port }}
          protocol: TCP
        {{- range $n.egress.extraPorts }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
      {{- with $n.egress.to }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- end }}
{{- end }}
{{- end }}
