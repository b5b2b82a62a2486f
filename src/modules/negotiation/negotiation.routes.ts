export function registerNegotiationRoutes() {}
