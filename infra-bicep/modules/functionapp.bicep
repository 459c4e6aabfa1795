// The Function App on the Flex Consumption plan, running the app as a .NET isolated worker with a user-assigned identity.
param location string
param tags object
param planName string
param appName string
param identityId string
param deploymentBlobContainerUrl string
// On Flex Consumption the runtime stack is named here, not by a FUNCTIONS_WORKER_RUNTIME app setting (which the plan refuses).
@description('Flex Consumption runtime stack: the .NET isolated worker (FUNCTIONS_WORKER_RUNTIME=dotnet-isolated) on .NET 10.')
param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'
param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048
@description('Every app setting, as name: value.')
param appSettings object
@description('The Entra application people sign in with (App Service Authentication). Empty: no sign-in is configured.')
param signInClientId string = ''
param signInTenantId string = tenant().tenantId
@description('Whether the app setting MICROSOFT_PROVIDER_AUTHENTICATION_SECRET holds that application\'s client secret (a Key Vault reference).')
param signInWithClientCredential bool = false

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'app' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentBlobContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the console and the email link pages.
  // Anonymous requests pass through: the platform's API calls keep their function keys, and the console and link
  // pages send a person who is not signed in to /.auth/login/aad themselves. For a signed-in person the front end
  // adds X-MS-CLIENT-PRINCIPAL (and strips any a client sent), which is what the app reads.
  resource auth 'config' = if (!empty(signInClientId)) {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: false
        unauthenticatedClientAction: 'AllowAnonymous'
      }
      httpSettings: {
        requireHttps: true
      }
      login: {
        // No tokens are needed downstream, and Flex Consumption has no shared file system for a token store.
        tokenStore: {
          enabled: false
        }
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: signInClientId
            clientSecretSettingName: signInWithClientCredential ? 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET' : null
            openIdIssuer: '${environment().authentication.loginEndpoint}${signInTenantId}/v2.0'
          }
          validation: {
            allowedAudiences: [
              'api://${signInClientId}'
              signInClientId
            ]
          }
        }
      }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
