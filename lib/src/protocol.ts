/** The wire between services: the gateway's signed assertion and the consent service's client. */
export * from './assertion';
export * from './assertionConfig';
export * from './gatewayKeys';
export * from './consentClient';
