import type { Ipv4Range } from './cidr.js';

/**
 * The network configuration netsleuth reasons about, built from what `aws … describe-*` prints.
 * Every collection may be empty: a missing piece makes an answer `unknown`, never a guess.
 */
export interface NetworkModel {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: RouteTable[];
  nacls: Nacl[];
  securityGroups: Map<string, SecurityGroup>;
  enis: Map<string, Eni>;
  natGateways: Map<string, NatGateway>;
  internetGateways: Map<string, InternetGateway>;
  endpoints: Map<string, VpcEndpoint>;
  prefixLists: Map<string, PrefixList>;
  instances: Map<string, Instance>;
  /** Instance type → the most ENIs it can attach. */
  instanceTypes: Map<string, number>;
  tasks: Map<string, EcsTask>;
  services: Map<string, EcsService>;
  taskDefinitions: Map<string, TaskDefinition>;
  /** Container instance ARN → EC2 instance id. */
  containerInstances: Map<string, string>;
  /** `awsvpcTrunking` account setting, when exported. */
  awsvpcTrunking: boolean | null;
  functions: Map<string, LambdaFunction>;
  databases: DataStore[];
  loadBalancers: LoadBalancer[];
  /** Route 53 private hosted zones (`aws route53 get-hosted-zone`): the name and the VPCs it answers in. */
  privateZones: { id: string; name: string; vpcIds: string[] }[];
  /** `LogFormat` of each flow log (`aws ec2 describe-flow-logs`), by flow log id. */
  flowLogFormats: Map<string, string>;
  /** Which describe-* outputs were present, by their top-level key (e.g. `SecurityGroups`). */
  present: Set<string>;
  /** Files or documents that were read but not recognised, or only partly. */
  warnings: string[];
}

export interface Vpc {
  id: string;
  cidrs: Ipv4Range[];
  cidrTexts: string[];
  dnsSupport: boolean | null;
  dnsHostnames: boolean | null;
}

export interface Subnet {
  id: string;
  vpcId: string;
  cidr: Ipv4Range | null;
  cidrText: string;
  az: string | null;
  mapPublicIpOnLaunch: boolean;
}

export type RouteTargetKind =
  | 'local'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'gateway-endpoint'
  | 'transit-gateway'
  | 'peering'
  | 'virtual-private-gateway'
  | 'network-interface'
  | 'instance'
  | 'other';

export interface Route {
  destination: string;
  /** The CIDR, or null for a prefix-list route (see `prefixListId`). */
  range: Ipv4Range | null;
  prefixListId: string | null;
  targetKind: RouteTargetKind;
  targetId: string;
  blackhole: boolean;
}

export interface RouteTable {
  id: string;
  vpcId: string;
  main: boolean;
  subnetIds: string[];
  routes: Route[];
}

export interface NaclEntry {
  ruleNumber: number;
  egress: boolean;
  /** IANA protocol number as text, `-1` for all. */
  protocol: string;
  allow: boolean;
  cidr: Ipv4Range | null;
  cidrText: string;
  /** Inclusive port range; null means all ports. */
  ports: [number, number] | null;
}

export interface Nacl {
  id: string;
  vpcId: string;
  isDefault: boolean;
  subnetIds: string[];
  entries: NaclEntry[];
}

export interface SgRule {
  /** IANA protocol number as text, `-1` for all. */
  protocol: string;
  ports: [number, number] | null;
  cidrs: { range: Ipv4Range; text: string }[];
  groupIds: string[];
  prefixListIds: string[];
  /** Written like the console shows it, e.g. `tcp/5432 from sg-0abc`. */
  text: string;
}

export interface SecurityGroup {
  id: string;
  name: string;
  vpcId: string;
  ingress: SgRule[];
  egress: SgRule[];
}

export interface Eni {
  id: string;
  subnetId: string;
  vpcId: string;
  privateIps: string[];
  publicIp: string | null;
  groupIds: string[];
  description: string;
  interfaceType: string;
  instanceId: string | null;
  status: string;
}

export interface NatGateway {
  id: string;
  subnetId: string;
  vpcId: string;
  state: string;
  publicIp: string | null;
  privateIp: string | null;
  connectivity: 'public' | 'private';
}

export interface InternetGateway {
  id: string;
  vpcIds: string[];
}

export interface VpcEndpoint {
  id: string;
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer';
  vpcId: string;
  serviceName: string;
  state: string;
  subnetIds: string[];
  groupIds: string[];
  routeTableIds: string[];
  privateDnsEnabled: boolean;
  dnsNames: string[];
  eniIds: string[];
}

export interface PrefixList {
  id: string;
  name: string;
  cidrs: Ipv4Range[];
}

export interface Instance {
  id: string;
  type: string;
  subnetId: string | null;
  vpcId: string | null;
  privateIp: string | null;
  publicIp: string | null;
  groupIds: string[];
  eniIds: string[];
}

export interface EcsTask {
  arn: string;
  /** The last segment of the ARN: what awslogs stream names end with. */
  id: string;
  cluster: string | null;
  group: string | null;
  lastStatus: string;
  launchType: string | null;
  containerInstanceArn: string | null;
  taskDefinitionArn: string | null;
  stoppedReason: string | null;
  eniId: string | null;
  subnetId: string | null;
  privateIp: string | null;
}

export interface EcsService {
  name: string;
  arn: string;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
  enableExecuteCommand: boolean;
  launchType: string | null;
  taskDefinitionArn: string | null;
  events: string[];
}

export interface TaskDefinition {
  arn: string;
  family: string;
  networkMode: string | null;
  environment: { container: string; name: string; value: string }[];
}

export interface LambdaFunction {
  name: string;
  arn: string;
  subnetIds: string[];
  securityGroupIds: string[];
  vpcId: string | null;
}

/** An RDS instance or cluster, or an ElastiCache cluster: a name people put in connection strings. */
export interface DataStore {
  kind: 'rds' | 'elasticache';
  id: string;
  hostnames: string[];
  port: number | null;
  securityGroupIds: string[];
  subnetIds: string[];
  vpcId: string | null;
}

export interface LoadBalancer {
  name: string;
  dnsName: string;
  scheme: string;
  vpcId: string | null;
  subnetIds: string[];
  securityGroupIds: string[];
}

export function emptyModel(): NetworkModel {
  return {
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: [],
    nacls: [],
    securityGroups: new Map(),
    enis: new Map(),
    natGateways: new Map(),
    internetGateways: new Map(),
    endpoints: new Map(),
    prefixLists: new Map(),
    instances: new Map(),
    instanceTypes: new Map(),
    tasks: new Map(),
    services: new Map(),
    taskDefinitions: new Map(),
    containerInstances: new Map(),
    awsvpcTrunking: null,
    functions: new Map(),
    databases: [],
    loadBalancers: [],
    flowLogFormats: new Map(),
    privateZones: [],
    present: new Set(),
    warnings: [],
  };
}

/** The region the configuration is in, from its subnets' Availability Zones. */
export function regionOfModel(model: NetworkModel): string | null {
  for (const s of model.subnets.values()) if (s.az) return s.az.replace(/[a-z]$/, '');
  return null;
}
