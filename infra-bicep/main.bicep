// EscalationFunctions in Azure: everything the app needs, in one resource group.
// Deploy with `azd up`, or `az deployment sub create -l <region> -f infra-bicep/main.bicep -p infra-bicep/main.parameters.json`.
targetScope = 'subscription'

@minLength(1)
@maxLength(24)
@description('Name of the environment, used to name the resource group and derive resource names (for example: dev, prod).')
param environmentName string

@minLength(1)
@description('Azure region for the resources (Flex Consumption must be available there).')
param location string

@description('Where Communication Services keeps data at rest.')
param emailDataLocation string = 'United States'

@description('Empty: an Azure-managed email domain. Otherwise a custom domain you will verify with DNS records.')
param customEmailDomain string = ''

@description('The Entra application the app authenticates to the SMTP relay as (Bicep cannot create it: see the README).')
param smtpEntraApplicationId string

@description('Object id of that application\'s service principal.')
param smtpServicePrincipalObjectId string

@description('Tenant of the Entra application.')
param smtpEntraTenantId string = tenant().tenantId

@secure()
@description('A client secret of the Entra application: the SMTP password. Stored in Key Vault only.')
param smtpClientSecret string

@secure()
@description('Signs the one-click links in emails. Defaults to a fresh random value; rotate by redeploying with a new one.')
param actionLinkKey string = newGuid()

@secure()
@description('Optional: when set, POSTs from the contact-center platform must be signed with it.')
param webhookSigningSecret string = ''

@description('Optional: the QuickBase realm (contoso.quickbase.com) whose table mirrors each callback request. Empty: no QuickBase.')
param quickBaseRealm string = ''

@description('The id of the QuickBase table that holds the Supervisor Call Back Follow-Up Requests.')
param quickBaseTableId string = ''

@secure()
@description('A QuickBase user token with write access to that table. Stored in Key Vault only.')
param quickBaseUserToken string = ''

@description('QuickBase field ids by name, as JSON, such as {"EscalationId": 6, "DueAt": 9} (see the README\'s QuickBase section).')
param quickBaseFields string = '{}'

@description('The TS&R Management Team\'s email addresses, comma-separated.')
param managementTeamEmails string

@description('The in-house TS&R supervisors\' email addresses, comma-separated (also the fallback for unknown vendors).')
param inHouseSupervisorEmails string

@description('BPO vendors\' supervisors as JSON: {"VendorName": ["a@vendor.example"]}.')
param vendorSupervisorEmails string = '{}'

@description('Individual supervisors as JSON: {"supervisorId": "address"}.')
param supervisorEmails string = '{}'

@description('The time zone due times are shown in, besides UTC (IANA id).')
param emailTimeZone string = 'UTC'

@description('The Entra application people sign in to the console and the email link pages with (App Service Authentication; see the README). Empty: no sign-in, and the console says so.')
param consoleSignInClientId string = ''

@secure()
@description('A client secret of that application. Stored in Key Vault only.')
param consoleSignInClientSecret string = ''

@description('The claim of a signed-in person that is their supervisor id in the escalations.')
param consoleSupervisorIdClaim string = 'preferred_username'

@description('Optional: a person\'s principal id who may read the storage data while developing.')
param developerPrincipalId string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, application: 'escalation-functions' }
var appName = '${abbrs.webSitesFunctions}esc-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.managedIdentityUserAssignedIdentities}esc-${resourceToken}'
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    appPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.outputs.principalId
    developerPrincipalId: developerPrincipalId
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    appPrincipalId: identity.outputs.principalId
    smtpPassword: smtpClientSecret
    actionLinkKey: actionLinkKey
    webhookSigningSecret: webhookSigningSecret
    consoleSignInSecret: consoleSignInClientSecret
    quickBaseUserToken: quickBaseUserToken
  }
}

module communication 'modules/communication.bicep' = {
  scope: rg
  params: {
    tags: tags
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    communicationServiceName: '${abbrs.communicationCommunicationServices}${resourceToken}'
    dataLocation: emailDataLocation
    customDomainName: customEmailDomain
    smtpEntraApplicationId: smtpEntraApplicationId
    smtpEntraTenantId: smtpEntraTenantId
    smtpServicePrincipalObjectId: smtpServicePrincipalObjectId
    smtpUsername: 'escalations-${resourceToken}'
  }
}

// Every setting the app reads (local.settings.sample.json lists the same names; a test checks they agree).
var secretReference = 'VaultName=${vault.outputs.name};SecretName='
var management = map(split(managementTeamEmails, ','), a => trim(a))
var inHouse = map(split(inHouseSupervisorEmails, ','), a => trim(a))
var routing = union(
  reduce(range(0, length(management)), {}, (acc, i) => union(acc, { 'Routing__ManagementTeam__${i}': management[i] })),
  reduce(range(0, length(inHouse)), {}, (acc, i) => union(acc, { 'Routing__InHouseSupervisors__${i}': inHouse[i] })),
  reduce(items(json(vendorSupervisorEmails)), {}, (acc, vendor) => union(acc, reduce(range(0, length(vendor.value)), {}, (inner, i) => union(inner, { 'Routing__Vendors__${vendor.key}__Supervisors__${i}': vendor.value[i] })))),
  reduce(items(json(supervisorEmails)), {}, (acc, supervisor) => union(acc, { 'Routing__Supervisors__${supervisor.key}': supervisor.value })))
var quickBaseFieldIds = reduce(items(json(quickBaseFields)), {}, (acc, field) => union(acc, { 'QuickBase__Fields__${field.key}': string(field.value) }))
var defaults = loadJsonContent('app-settings.defaults.json')
var appSettings = union(defaults, routing, quickBaseFieldIds, {
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  Email__From: communication.outputs.senderAddress
  Email__PublicBaseUrl: 'https://${appName}.azurewebsites.net'
  Email__TimeZone: emailTimeZone
  Email__Smtp__Host: 'smtp.azurecomm.net'
  Email__Smtp__Port: '587'
  Email__Smtp__UseStartTls: 'true'
  Email__Smtp__Username: communication.outputs.smtpUsername
  Email__Smtp__Password: '@Microsoft.KeyVault(${secretReference}smtp-password)'
  Security__ActionLinkKey: '@Microsoft.KeyVault(${secretReference}action-link-key)'
  Security__WebhookSigningSecret: empty(webhookSigningSecret) ? '' : '@Microsoft.KeyVault(${secretReference}webhook-signing-secret)'
  Security__ApiKey: ''
  QuickBase__Realm: quickBaseRealm
  QuickBase__TableId: quickBaseTableId
  QuickBase__UserToken: empty(quickBaseUserToken) ? '' : '@Microsoft.KeyVault(${secretReference}quickbase-user-token)'
  Runtime__RunPumps: 'false'
  // The console trusts the principal header only behind App Service Authentication, which the function app module configures.
  Console__SignIn: empty(consoleSignInClientId) ? 'None' : 'AppServiceAuthentication'
  Console__SupervisorIdClaim: consoleSupervisorIdClaim
  MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: empty(consoleSignInClientSecret) ? '' : '@Microsoft.KeyVault(${secretReference}console-sign-in-secret)'
})

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: appName
    identityId: identity.outputs.id
    deploymentBlobContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    appSettings: appSettings
    signInClientId: consoleSignInClientId
    signInTenantId: tenant().tenantId
    signInWithClientCredential: !empty(consoleSignInClientSecret)
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_APP_NAME string = functionApp.outputs.name
output SERVICE_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output EMAIL_SENDER_ADDRESS string = communication.outputs.senderAddress
