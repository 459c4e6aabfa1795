// Key Vault in RBAC mode holding the app's secrets; the app reads them through Key Vault references.
param location string
param tags object
param name string
param appPrincipalId string
@secure()
param smtpPassword string
@secure()
param actionLinkKey string
@secure()
param webhookSigningSecret string
@secure()
param consoleSignInSecret string
@secure()
param quickBaseUserToken string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

var secrets = [
  { name: 'smtp-password', value: smtpPassword }
  { name: 'action-link-key', value: actionLinkKey }
  { name: 'webhook-signing-secret', value: webhookSigningSecret }
  { name: 'console-sign-in-secret', value: consoleSignInSecret }
  { name: 'quickbase-user-token', value: quickBaseUserToken }
]

resource secret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [for s in secrets: if (!empty(s.value)) {
  parent: vault
  name: s.name
  properties: { value: s.value }
}]

var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, secretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
