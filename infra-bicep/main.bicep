// EscalationFunctions infrastructure. Today: the storage account that holds escalation state (Tables) and
// durable timers (Queues). The Function App, email, Key Vault and monitoring are added by the infrastructure issue.
targetScope = 'resourceGroup'

@description('Name of the environment, used to derive resource names (for example: dev, prod).')
@minLength(1)
@maxLength(24)
param environmentName string

@description('Azure region for every resource.')
param location string = resourceGroup().location

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'escalation-functions'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stesc${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Identity-only access: the app authenticates with its managed identity, never an account key.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }

  resource tableService 'tableServices' = {
    name: 'default'
  }

  resource queueService 'queueServices' = {
    name: 'default'
  }
}

output storageAccountName string = storage.name
output tableEndpoint string = storage.properties.primaryEndpoints.table
output queueEndpoint string = storage.properties.primaryEndpoints.queue
