// Azure Communication Services email: an Email Communication Service with a domain (Azure-managed unless a custom
// one is given), the Communication Services resource it is connected to, and the SMTP username that lets the app
// send through smtp.azurecomm.net with an Entra application's credentials.
param tags object
param emailServiceName string
param communicationServiceName string
param dataLocation string
@description('Empty: an Azure-managed domain (xxxx.azurecomm.net). Otherwise a custom domain you will verify.')
param customDomainName string
param smtpEntraApplicationId string
param smtpEntraTenantId string
@description('Object id of the Entra application\'s service principal; it gets send rights on the Communication Services resource.')
param smtpServicePrincipalObjectId string
param smtpUsername string

resource emailService 'Microsoft.Communication/emailServices@2025-09-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource domain 'Microsoft.Communication/emailServices/domains@2025-09-01' = {
  parent: emailService
  name: empty(customDomainName) ? 'AzureManagedDomain' : customDomainName
  location: 'global'
  tags: tags
  properties: {
    domainManagement: empty(customDomainName) ? 'AzureManaged' : 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-09-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [domain.id]
  }
}

resource smtpUser 'Microsoft.Communication/communicationServices/smtpUsernames@2025-09-01' = {
  parent: communication
  name: 'escalation-functions'
  properties: {
    entraApplicationId: smtpEntraApplicationId
    tenantId: smtpEntraTenantId
    username: smtpUsername
  }
}

// "Communication and Email Service Owner" lets the application send mail through the SMTP relay.
var emailSender = '09976791-48a7-449e-bb21-39d1a415f350'

resource smtpSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, smtpServicePrincipalObjectId, emailSender)
  scope: communication
  properties: {
    principalId: smtpServicePrincipalObjectId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', emailSender)
  }
}

output senderAddress string = 'DoNotReply@${domain.properties.mailFromSenderDomain}'
output smtpUsername string = smtpUser.properties.username
