// What operations watches: an action group that emails the operations address, scheduled-query alerts on the app's
// telemetry in Application Insights, and a workbook. The queries read what the app exports (see the README's
// Monitoring section): customMetrics for its metrics, requests for its timer spans.
param location string
param tags object
param applicationInsightsName string
param actionGroupName string
@description('Where alerts are emailed.')
param operationsEmail string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'escalations'
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: operationsEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each alert: a query that yields one number per evaluation, compared with a threshold.
var alerts = [
  {
    name: 'dead-letters'
    displayName: 'Escalations: work was dead-lettered'
    description: 'An effect or a queue message failed for good (any dead letter). See the EscalationDeadLetters table for the reason.'
    severity: 1
    query: 'customMetrics | where name == "escalations.dead_letters" | summarize Value = sum(valueSum)'
    timeAggregation: 'Total'
    threshold: 0
  }
  {
    name: 'outbox-age'
    displayName: 'Escalations: the oldest pending outbox row is older than 5 minutes'
    description: 'Committed effects (emails, timers, projections) are not being performed: the sweep found an outbox row older than 5 minutes.'
    severity: 2
    query: 'customMetrics | where name == "escalations.outbox.oldest_age" | summarize Value = max(valueMax)'
    timeAggregation: 'Maximum'
    threshold: 300
  }
  {
    name: 'timer-lateness'
    displayName: 'Escalations: timers fire late (p99 over 60 s)'
    description: 'The 99th percentile of how late timers (supervisor hold, breach warning, callback SLA) fired is over a minute.'
    severity: 2
    query: 'requests | where name startswith "timer " and isnotempty(customDimensions["escalation.timer.lateness_s"]) | summarize Value = percentile(todouble(customDimensions["escalation.timer.lateness_s"]), 99)'
    timeAggregation: 'Maximum'
    threshold: 60
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in alerts: {
  name: '${applicationInsightsName}-${alert.name}'
  location: location
  tags: tags
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: alert.timeAggregation
          metricMeasureColumn: 'Value'
          operator: 'GreaterThan'
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}]

// The workbook: one chart per question operations and management ask.
var charts = [
  {
    title: 'SLA breaches per day'
    query: 'customMetrics | where name == "escalations.callbacks.breaches" | summarize Breaches = sum(valueSum) by bin(timestamp, 1d) | render columnchart'
  }
  {
    title: 'Callback compliance per day (% completed within the SLA of completed or breached; the report API has the exact figures)'
    query: 'customMetrics | where name in ("escalations.callbacks.time_to_complete", "escalations.callbacks.breaches") | summarize Within = sumif(valueCount, name == "escalations.callbacks.time_to_complete" and tostring(customDimensions["within_sla"]) =~ "true"), Breached = sumif(valueSum, name == "escalations.callbacks.breaches") by bin(timestamp, 1d) | extend CompliancePercent = iff(Within + Breached == 0, real(null), round(100.0 * Within / (Within + Breached), 1)) | project timestamp, CompliancePercent | render timechart'
  }
  {
    title: 'Timer lateness (seconds): p50, p99, max'
    query: 'requests | where name startswith "timer " and isnotempty(customDimensions["escalation.timer.lateness_s"]) | extend Lateness = todouble(customDimensions["escalation.timer.lateness_s"]) | summarize p50 = percentile(Lateness, 50), p99 = percentile(Lateness, 99), max = max(Lateness) by bin(timestamp, 15m) | render timechart'
  }
  {
    title: 'Oldest pending outbox row (seconds)'
    query: 'customMetrics | where name == "escalations.outbox.oldest_age" | summarize OldestSeconds = max(valueMax) by bin(timestamp, 5m) | render timechart'
  }
  {
    title: 'Dead letters by source and kind'
    query: 'customMetrics | where name == "escalations.dead_letters" | summarize DeadLetters = sum(valueSum) by bin(timestamp, 1h), Source = tostring(customDimensions["source"]), Kind = tostring(customDimensions["kind"]) | render columnchart'
  }
]

var workbookContent = {
  version: 'Notebook/1.0'
  items: concat([
    {
      type: 1
      content: {
        json: '## Escalations: is the 48-hour promise kept?\nBreaches, compliance, timer lateness, the outbox and dead letters, from the app\'s OpenTelemetry metrics and timer spans.'
      }
      name: 'intro'
    }
  ], map(range(0, length(charts)), i => {
    type: 3
    content: {
      version: 'KqlItem/1.0'
      query: charts[i].query
      size: 0
      title: charts[i].title
      timeContext: { durationMs: 604800000 }
      queryType: 0
      resourceType: 'microsoft.insights/components'
    }
    name: 'chart-${i}'
  }))
  isLocked: false
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsights.id, 'escalations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Escalations: SLA and operations'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbookContent)
  }
}

output actionGroupId string = actionGroup.id
output workbookId string = workbook.id
