// Checks the deployment files where no Docker engine and no Kubernetes cluster can run them.
//   node tests/js/deploy-check.mjs compose FILE...      docker compose files: structure, and the topology's consistency
//   node tests/js/deploy-check.mjs kubernetes FILE...   rendered Kubernetes objects (kubectl kustomize): each validated
//                                                       against its API schema (kubernetes-models), and their references
// Prints one line per problem and exits 1 if there is any; otherwise prints what it checked.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

const [mode, ...files] = process.argv.slice(2);
const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

const seconds = value => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(value ?? ''));
  if (!match) return NaN;
  return Number(match[1]) * ({ ms: 0.001, s: 1, m: 60 }[match[2] ?? 's']);
};

function checkCompose(file) {
  const compose = parse(readFileSync(file, 'utf8'), { merge: true });
  const services = compose.services ?? {};
  const where = name => `${file} ${name}`;
  const app = Object.entries(services).filter(([, s]) => s.build === '.');
  if (app.length === 0) problem(file, 'no service builds the app');
  const roleOf = s => String(s.environment?.Role ?? 'all');
  const doors = app.filter(([, s]) => roleOf(s) !== 'silo').map(([name]) => name);
  const balancer = Object.entries(services).find(([, s]) => String(s.image ?? '').startsWith('haproxy'));

  for (const [name, service] of Object.entries(services)) {
    for (const [key, value] of Object.entries(service.environment ?? {}))
      if (value !== null && typeof value === 'object') problem(where(name), `environment ${key} is not a scalar`);
    for (const needed of Object.keys(service.depends_on ?? {}))
      if (!services[needed]) problem(where(name), `depends on ${needed}, which is not a service`);
  }
  for (const [name, service] of app) {
    const env = service.environment ?? {};
    if (!['all', 'silo', 'frontdoor'].includes(roleOf(service))) problem(where(name), `Role ${roleOf(service)} is not a role`);
    if (!JSON.stringify(service.healthcheck?.test ?? '').includes('/health/ready')) problem(where(name), 'no health check on /health/ready');
    if (!String(env.Jwt__SigningKey ?? '').startsWith('${DEEPWORK_JWT_KEY:?')) problem(where(name), 'the signing key is not required from DEEPWORK_JWT_KEY');
    if (!/^http:\/\/0\.0\.0\.0:\d+$/.test(String(env.Operations__Url ?? ''))) problem(where(name), 'no operations listener (Operations__Url)');
    // Every process's outbox sender may send any mail: one without an SMTP server would write it to a file nobody reads.
    const smtp = String(env.Email__Smtp__Host ?? '').replace(/^\$\{[A-Z_]+:-(.*)\}$/, '$1');
    if (!smtp) problem(where(name), 'no SMTP server (Email__Smtp__Host): its outbox sender would write mail to files');
    else if (!services[smtp] && !String(env.Email__Smtp__Host).startsWith('${')) problem(where(name), `sends mail to ${smtp}, which is not a service`);
    // Front doors push; a key pair made per process would not match the one a browser subscribed with on another.
    if (roleOf(service) !== 'silo')
      for (const [key, variable] of [['Push__VapidPublicKey', 'DEEPWORK_VAPID_PUBLIC_KEY'], ['Push__VapidPrivateKey', 'DEEPWORK_VAPID_PRIVATE_KEY']])
        if (!String(env[key] ?? '').startsWith(`\${${variable}:?`)) problem(where(name), `${key} is not required from ${variable}: Web Push would be off`);
    const drain = Number(env.Drain__DelaySeconds ?? 5);
    if (!(seconds(service.stop_grace_period) >= drain + 20)) problem(where(name), `stop_grace_period ${service.stop_grace_period} leaves no time after a ${drain} s drain`);
    if (roleOf(service) === 'frontdoor')
      for (const silo of app.filter(([, s]) => roleOf(s) === 'silo').map(([n]) => n))
        if (service.depends_on?.[silo]?.condition !== 'service_healthy') problem(where(name), `does not wait for ${silo} to be healthy`);
  }
  if (!balancer) { problem(file, 'no HAProxy load balancer'); return; }
  const [balancerName, lb] = balancer;
  const env = lb.environment ?? {};
  const config = (lb.volumes ?? []).map(String).find(v => v.endsWith(':/usr/local/etc/haproxy/haproxy.cfg:ro'));
  if (!config) problem(where(balancerName), 'does not mount its configuration');
  else if (!existsSync(resolve(dirname(file), config.split(':')[0]))) problem(where(balancerName), `${config.split(':')[0]} does not exist`);
  const listed = Object.keys(env).filter(k => /^DWM_DOOR\d+$/.test(k)).sort().map(k => String(env[k]));
  const expected = doors.map(d => `${d}:${String(services[d].environment?.ASPNETCORE_URLS ?? '').split(':').pop()}`);
  if (JSON.stringify([...listed].sort()) !== JSON.stringify([...expected].sort()))
    problem(where(balancerName), `sends to ${listed.join(', ')} but the front doors are ${expected.join(', ')}`);
  for (const door of doors)
    if (lb.depends_on?.[door]?.condition !== 'service_healthy') problem(where(balancerName), `does not wait for ${door} to be healthy`);
  if (!(seconds(env.DWM_CHECK_INTERVAL) > 0)) problem(where(balancerName), 'DWM_CHECK_INTERVAL is not a duration');
  for (const door of doors) {
    const drain = Number(services[door].environment?.Drain__DelaySeconds ?? 5);
    if (!(drain > 2 * seconds(env.DWM_CHECK_INTERVAL) + 1)) problem(where(door), `drains ${drain} s, not longer than two failed checks of the balancer`);
  }
  const bindPort = String(env.DWM_BALANCER_BIND ?? '').split(':').pop();
  if (!(lb.ports ?? []).map(String).some(p => p.endsWith(`:${bindPort}`))) problem(where(balancerName), `does not publish its port ${bindPort}`);
  const address = lb.networks?.default?.ipv4_address;
  for (const [name, service] of app)
    if (service.environment?.TrustedProxies__Addresses__0 !== address) problem(where(name), `trusts ${service.environment?.TrustedProxies__Addresses__0}, not the balancer's ${address}`);
  console.log(`${file}: ${app.length} app processes (${doors.length} serving clients) behind ${balancerName}`);
}

async function checkKubernetes(file) {
  const objects = parseAllDocuments(readFileSync(file, 'utf8')).map(d => d.toJS()).filter(Boolean);
  // kustomize folds long base64 over several lines; the API server's decoder (Go's) skips the line breaks, and so does this.
  for (const secret of objects.filter(o => o.kind === 'Secret'))
    for (const name of Object.keys(secret.data ?? {})) secret.data[name] = String(secret.data[name]).replace(/\s+/g, '');
  const key = o => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
  const byKind = kind => objects.filter(o => o.kind === kind);
  const find = (kind, namespace, name) => objects.find(o => o.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? '') === (namespace ?? ''));
  const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
  const workloads = objects.filter(o => ['Deployment', 'StatefulSet'].includes(o.kind));

  for (const object of objects) {
    let Model;
    try {
      Model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
    } catch {
      problem(`${file} ${key(object)}`, `no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problem(`${file} ${key(object)}`, e.message);
    }
  }
  for (const w of workloads) {
    const where = `${file} ${key(w)}`;
    const ns = w.metadata.namespace;
    const pod = w.spec.template;
    if (!matches(w.spec.selector?.matchLabels, pod.metadata?.labels)) problem(where, 'its selector does not select its own pods');
    const sa = pod.spec.serviceAccountName;
    if (sa && !find('ServiceAccount', ns, sa)) problem(where, `service account ${sa} is not defined`);
    for (const c of pod.spec.containers) {
      for (const from of c.envFrom ?? [])
        if (from.secretRef && !find('Secret', ns, from.secretRef.name)) problem(where, `secret ${from.secretRef.name} is not defined`);
      const ports = new Set((c.ports ?? []).map(p => p.name));
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'].map(p => c[p]).filter(Boolean))
        if (probe.httpGet && typeof probe.httpGet.port === 'string' && !ports.has(probe.httpGet.port)) problem(where, `a probe names port ${probe.httpGet.port}, which ${c.name} does not have`);
      if (w.metadata.name.startsWith('deepwork-map-')) {
        const env = Object.fromEntries((c.env ?? []).map(e => [e.name, e.value]));
        if (!c.startupProbe || !c.readinessProbe || !c.livenessProbe) problem(where, 'needs startup, readiness and liveness probes');
        if (c.readinessProbe?.httpGet?.path !== '/health/ready' || c.livenessProbe?.httpGet?.path !== '/health/live') problem(where, 'probes must ask /health/ready and /health/live');
        if (env.Role === 'silo' && (env.Orleans__KubernetesHosting !== 'true' || !pod.metadata.labels?.['orleans/serviceId'] || !pod.metadata.labels?.['orleans/clusterId']))
          problem(where, 'a silo needs Orleans__KubernetesHosting and the orleans/serviceId and orleans/clusterId labels');
      }
    }
  }
  for (const secret of byKind('Secret').filter(s => s.metadata.name.startsWith('deepwork-map-secrets')))
    for (const needed of ['ConnectionStrings__Postgres', 'ConnectionStrings__Redis', 'Jwt__SigningKey', 'Email__Smtp__Host', 'Email__From', 'Push__VapidPublicKey', 'Push__VapidPrivateKey'])
      if (!(needed in (secret.data ?? {}) || needed in (secret.stringData ?? {}))) problem(`${file} ${key(secret)}`, `holds no ${needed}`);
  for (const service of byKind('Service').filter(s => s.spec.type !== 'ExternalName')) {
    if (!workloads.some(w => (w.metadata.namespace ?? '') === (service.metadata.namespace ?? '') && matches(service.spec.selector, w.spec.template.metadata?.labels)))
      problem(`${file} ${key(service)}`, 'selects no pods');
  }
  for (const pdb of byKind('PodDisruptionBudget'))
    if (!workloads.some(w => matches(pdb.spec.selector?.matchLabels, w.spec.template.metadata?.labels))) problem(`${file} ${key(pdb)}`, 'covers no pods');
  for (const hpa of byKind('HorizontalPodAutoscaler'))
    if (!find(hpa.spec.scaleTargetRef.kind, hpa.metadata.namespace, hpa.spec.scaleTargetRef.name)) problem(`${file} ${key(hpa)}`, 'scales nothing that exists');
  for (const binding of byKind('RoleBinding'))
    if (!find(binding.roleRef.kind, binding.metadata.namespace, binding.roleRef.name)) problem(`${file} ${key(binding)}`, 'binds a role that does not exist');
  for (const ingress of byKind('Ingress'))
    for (const path of ingress.spec.rules.flatMap(r => r.http?.paths ?? [])) {
      const backend = path.backend.service;
      const service = find('Service', ingress.metadata.namespace, backend.name);
      if (!service) problem(`${file} ${key(ingress)}`, `sends to ${backend.name}, which does not exist`);
      else if (backend.port.name && !service.spec.ports.some(p => p.name === backend.port.name)) problem(`${file} ${key(ingress)}`, `sends to port ${backend.port.name}, which ${backend.name} does not have`);
    }
  const kinds = [...new Set(objects.map(o => o.kind))].sort();
  console.log(`${file}: ${objects.length} objects valid (${kinds.join(', ')})`);
}

if (mode === 'compose') files.forEach(checkCompose);
else if (mode === 'kubernetes') for (const file of files) await checkKubernetes(file);
else { console.error('usage: deploy-check.mjs compose|kubernetes FILE...'); process.exit(2); }
for (const line of problems) console.error(line);
process.exit(problems.length > 0 ? 1 : 0);
