/**
 * `terraform show -json` (of a state, or of a plan: `planned_values`) as the describe-* documents the model
 * reads, so intents can be verified before a deployment. Only the resources the model needs are read; a value
 * Terraform does not know until apply is simply absent, which makes the answers that need it `unknown`.
 */
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

interface Resource {
  type: string;
  address: string;
  values: Json;
}

function resourcesOf(module: unknown, out: Resource[] = []): Resource[] {
  if (!isObject(module)) return out;
  for (const r of arr(module['resources'])) {
    if (!isObject(r) || r['mode'] === 'data' || typeof r['type'] !== 'string') continue;
    out.push({
      type: r['type'],
      address: String(r['address'] ?? r['name'] ?? r['type']),
      values: isObject(r['values']) ? r['values'] : {},
    });
  }
  for (const child of arr(module['child_modules'])) resourcesOf(child, out);
  return out;
}

export function isTerraformShow(doc: unknown): boolean {
  return (
    isObject(doc) &&
    typeof doc['format_version'] === 'string' &&
    (isObject(doc['values']) || isObject(doc['planned_values']))
  );
}

/** A stand-in id for a resource Terraform has not created yet: its address, so references still line up. */
function idOf(r: Resource): string {
  return str(r.values['id']) ?? `tf:${r.address}`;
}

function sgPermission(p: Json, kind: 'legacy' | 'rule' | 'vpc-rule', selfId: string): Json {
  const protocol = String(p['protocol'] ?? p['ip_protocol'] ?? '-1');
  const cidrs = kind === 'vpc-rule' ? [str(p['cidr_ipv4'])].filter(Boolean) : strs(p['cidr_blocks']);
  const groups =
    kind === 'legacy'
      ? [...strs(p['security_groups']), ...(p['self'] === true ? [selfId] : [])]
      : kind === 'rule'
        ? [str(p['source_security_group_id']), p['self'] === true ? selfId : undefined].filter(Boolean)
        : [str(p['referenced_security_group_id'])].filter(Boolean);
  const prefixLists =
    kind === 'vpc-rule' ? [str(p['prefix_list_id'])].filter(Boolean) : strs(p['prefix_list_ids']);
  return {
    IpProtocol: protocol,
    ...(protocol === '-1' || protocol === 'all' ? {} : { FromPort: p['from_port'], ToPort: p['to_port'] }),
    IpRanges: cidrs.map((c) => ({ CidrIp: c })),
    UserIdGroupPairs: groups.map((g) => ({ GroupId: g })),
    PrefixListIds: prefixLists.map((id) => ({ PrefixListId: id })),
  };
}

function route(r: Json): Json {
  const dest = str(r['cidr_block']) ?? str(r['destination_cidr_block']);
  const pl = str(r['destination_prefix_list_id']);
  return {
    ...(dest ? { DestinationCidrBlock: dest } : {}),
    ...(pl ? { DestinationPrefixListId: pl } : {}),
    ...(str(r['gateway_id']) ? { GatewayId: str(r['gateway_id']) } : {}),
    ...(str(r['vpc_endpoint_id']) ? { GatewayId: str(r['vpc_endpoint_id']) } : {}),
    ...(str(r['nat_gateway_id']) ? { NatGatewayId: str(r['nat_gateway_id']) } : {}),
    ...(str(r['transit_gateway_id']) ? { TransitGatewayId: str(r['transit_gateway_id']) } : {}),
    ...(str(r['vpc_peering_connection_id'])
      ? { VpcPeeringConnectionId: str(r['vpc_peering_connection_id']) }
      : {}),
    ...(str(r['network_interface_id']) ? { NetworkInterfaceId: str(r['network_interface_id']) } : {}),
    State: 'active',
  };
}

/** The describe-* shaped documents for the resources of a `terraform show -json` output. */
export function documentsFromTerraform(doc: unknown): Json[] {
  if (!isObject(doc)) return [];
  const root = isObject(doc['planned_values'])
    ? doc['planned_values']['root_module']
    : isObject(doc['values'])
      ? doc['values']['root_module']
      : undefined;
  const resources = resourcesOf(root);
  const of = (type: string) => resources.filter((r) => r.type === type);
  const docs: Json[] = [];

  const vpcs = of('aws_vpc');
  docs.push({ Vpcs: vpcs.map((r) => ({ VpcId: idOf(r), CidrBlock: r.values['cidr_block'] })) });
  for (const r of vpcs) {
    if (typeof r.values['enable_dns_support'] === 'boolean')
      docs.push({ VpcId: idOf(r), EnableDnsSupport: { Value: r.values['enable_dns_support'] } });
    if (typeof r.values['enable_dns_hostnames'] === 'boolean')
      docs.push({ VpcId: idOf(r), EnableDnsHostnames: { Value: r.values['enable_dns_hostnames'] } });
  }
  docs.push({
    Subnets: of('aws_subnet').map((r) => ({
      SubnetId: idOf(r),
      VpcId: r.values['vpc_id'],
      CidrBlock: r.values['cidr_block'],
      AvailabilityZone: r.values['availability_zone'],
      MapPublicIpOnLaunch: r.values['map_public_ip_on_launch'] === true,
    })),
  });

  const associations = of('aws_route_table_association');
  const mains = of('aws_main_route_table_association');
  const looseRoutes = of('aws_route');
  docs.push({
    RouteTables: of('aws_route_table').map((r) => {
      const id = idOf(r);
      return {
        RouteTableId: id,
        VpcId: r.values['vpc_id'],
        Associations: [
          ...associations
            .filter((a) => a.values['route_table_id'] === id)
            .map((a) => ({ Main: false, SubnetId: a.values['subnet_id'] })),
          ...mains.filter((a) => a.values['route_table_id'] === id).map(() => ({ Main: true })),
        ],
        Routes: [
          ...vpcs
            .filter((v) => v.values['id'] === r.values['vpc_id'])
            .map((v) => ({
              DestinationCidrBlock: v.values['cidr_block'],
              GatewayId: 'local',
              State: 'active',
            })),
          ...arr(r.values['route']).filter(isObject).map(route),
          ...looseRoutes.filter((x) => x.values['route_table_id'] === id).map((x) => route(x.values)),
        ],
      };
    }),
  });

  const naclRules = of('aws_network_acl_rule');
  docs.push({
    NetworkAcls: of('aws_network_acl').map((r) => {
      const id = idOf(r);
      const entry = (e: Json, egress: boolean) => ({
        RuleNumber: e['rule_no'] ?? e['rule_number'],
        Protocol: String(e['protocol'] ?? '-1'),
        RuleAction: String(e['action'] ?? e['rule_action'] ?? 'deny').toLowerCase(),
        Egress: egress,
        CidrBlock: e['cidr_block'],
        PortRange: { From: e['from_port'], To: e['to_port'] },
      });
      return {
        NetworkAclId: id,
        VpcId: r.values['vpc_id'],
        IsDefault: false,
        Associations: strs(r.values['subnet_ids']).map((s) => ({ SubnetId: s })),
        Entries: [
          ...arr(r.values['ingress'])
            .filter(isObject)
            .map((e) => entry(e, false)),
          ...arr(r.values['egress'])
            .filter(isObject)
            .map((e) => entry(e, true)),
          ...naclRules
            .filter((x) => x.values['network_acl_id'] === id)
            .map((x) => entry(x.values, x.values['egress'] === true)),
        ],
      };
    }),
  });

  const sgRules = of('aws_security_group_rule');
  const ingressRules = of('aws_vpc_security_group_ingress_rule');
  const egressRules = of('aws_vpc_security_group_egress_rule');
  docs.push({
    SecurityGroups: of('aws_security_group').map((r) => {
      const id = idOf(r);
      return {
        GroupId: id,
        GroupName: r.values['name'],
        VpcId: r.values['vpc_id'],
        IpPermissions: [
          ...arr(r.values['ingress'])
            .filter(isObject)
            .map((p) => sgPermission(p, 'legacy', id)),
          ...sgRules
            .filter((x) => x.values['security_group_id'] === id && x.values['type'] === 'ingress')
            .map((x) => sgPermission(x.values, 'rule', id)),
          ...ingressRules
            .filter((x) => x.values['security_group_id'] === id)
            .map((x) => sgPermission(x.values, 'vpc-rule', id)),
        ],
        IpPermissionsEgress: [
          ...arr(r.values['egress'])
            .filter(isObject)
            .map((p) => sgPermission(p, 'legacy', id)),
          ...sgRules
            .filter((x) => x.values['security_group_id'] === id && x.values['type'] === 'egress')
            .map((x) => sgPermission(x.values, 'rule', id)),
          ...egressRules
            .filter((x) => x.values['security_group_id'] === id)
            .map((x) => sgPermission(x.values, 'vpc-rule', id)),
        ],
      };
    }),
  });

  docs.push({
    NatGateways: of('aws_nat_gateway').map((r) => ({
      NatGatewayId: idOf(r),
      SubnetId: r.values['subnet_id'],
      VpcId: undefined,
      State: 'available',
      ConnectivityType: r.values['connectivity_type'] ?? 'public',
    })),
  });
  docs.push({
    InternetGateways: of('aws_internet_gateway').map((r) => ({
      InternetGatewayId: idOf(r),
      Attachments: [{ VpcId: r.values['vpc_id'], State: 'available' }],
    })),
  });
  docs.push({
    VpcEndpoints: of('aws_vpc_endpoint').map((r) => ({
      VpcEndpointId: idOf(r),
      VpcEndpointType: r.values['vpc_endpoint_type'] ?? 'Gateway',
      VpcId: r.values['vpc_id'],
      ServiceName: r.values['service_name'],
      SubnetIds: strs(r.values['subnet_ids']),
      Groups: strs(r.values['security_group_ids']).map((g) => ({ GroupId: g })),
      RouteTableIds: strs(r.values['route_table_ids']),
      PrivateDnsEnabled: r.values['private_dns_enabled'] === true,
    })),
  });

  const subnetGroups = new Map(
    of('aws_db_subnet_group').map((g) => [String(g.values['name'] ?? ''), strs(g.values['subnet_ids'])]),
  );
  docs.push({
    DBInstances: of('aws_db_instance').map((r) => ({
      DBInstanceIdentifier: r.values['identifier'] ?? r.address,
      Endpoint: { Address: r.values['address'], Port: r.values['port'] },
      VpcSecurityGroups: strs(r.values['vpc_security_group_ids']).map((g) => ({ VpcSecurityGroupId: g })),
      DBSubnetGroup: {
        Subnets: (subnetGroups.get(String(r.values['db_subnet_group_name'] ?? '')) ?? []).map((s) => ({
          SubnetIdentifier: s,
        })),
      },
    })),
  });
  docs.push({
    services: of('aws_ecs_service').map((r) => {
      const nc = isObject(arr(r.values['network_configuration'])[0])
        ? (arr(r.values['network_configuration'])[0] as Json)
        : {};
      return {
        serviceName: r.values['name'],
        serviceArn: str(r.values['id']) ?? r.address,
        taskDefinition: r.values['task_definition'],
        enableExecuteCommand: r.values['enable_execute_command'] === true,
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: strs(nc['subnets']),
            securityGroups: strs(nc['security_groups']),
            assignPublicIp: nc['assign_public_ip'] === true ? 'ENABLED' : 'DISABLED',
          },
        },
      };
    }),
  });
  docs.push({
    Functions: of('aws_lambda_function').map((r) => {
      const vpc = isObject(arr(r.values['vpc_config'])[0]) ? (arr(r.values['vpc_config'])[0] as Json) : {};
      return {
        FunctionName: r.values['function_name'],
        FunctionArn: r.values['arn'],
        VpcConfig: {
          SubnetIds: strs(vpc['subnet_ids']),
          SecurityGroupIds: strs(vpc['security_group_ids']),
          VpcId: vpc['vpc_id'],
        },
      };
    }),
  });
  return docs;
}
