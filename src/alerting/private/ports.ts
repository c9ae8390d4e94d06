/** Alertmanager's web (UI, API, metrics) port. */
export const ALERTMANAGER_WEB_PORT = 9093;
/** Alertmanager's gossip port, TCP and UDP. */
export const ALERTMANAGER_CLUSTER_PORT = 9094;
