/** Well-known ports, used to name the service behind a target. */
export const PORT_SERVICES: Readonly<Record<number, string>> = {
  21: 'FTP',
  22: 'SSH',
  25: 'SMTP',
  53: 'DNS',
  80: 'HTTP',
  443: 'HTTPS',
  465: 'SMTPS',
  587: 'SMTP',
  1433: 'SQL Server',
  1521: 'Oracle',
  2049: 'NFS (EFS)',
  2181: 'ZooKeeper',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5671: 'AMQPS',
  5672: 'AMQP',
  6379: 'Redis',
  6380: 'Redis (TLS)',
  8080: 'HTTP (alt)',
  8443: 'HTTPS (alt)',
  9042: 'Cassandra',
  9092: 'Kafka',
  9094: 'Kafka (TLS)',
  9200: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB',
};

/** First label(s) of `<service>.<region>.amazonaws.com` endpoints, and the names people know them by. */
export const AWS_ENDPOINT_SERVICES: Readonly<Record<string, string>> = {
  'api.ecr': 'ECR API',
  'dkr.ecr': 'ECR (Docker registry)',
  ecr: 'ECR',
  ecs: 'ECS',
  'ecs-agent': 'ECS agent',
  'ecs-telemetry': 'ECS telemetry',
  events: 'EventBridge',
  dynamodb: 'DynamoDB',
  kinesis: 'Kinesis',
  kms: 'KMS',
  lambda: 'Lambda',
  logs: 'CloudWatch Logs',
  monitoring: 'CloudWatch',
  s3: 'S3',
  secretsmanager: 'Secrets Manager',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'SSM',
  ssmmessages: 'SSM Messages',
  states: 'Step Functions',
  sts: 'STS',
  xray: 'X-Ray',
};

const REGION = /^[a-z]{2}(?:-gov)?-[a-z]{4,10}-\d$/;

/** The AWS service an `amazonaws.com` host belongs to, or null. */
export function awsServiceOfHost(host: string): string | null {
  if (!host.endsWith('.amazonaws.com')) return null;
  if (host.endsWith('.rds.amazonaws.com')) return 'RDS';
  if (host.endsWith('.cache.amazonaws.com')) return 'ElastiCache';
  if (host.endsWith('.es.amazonaws.com')) return 'OpenSearch';
  const labels = host.slice(0, -'.amazonaws.com'.length).split('.');
  // <service>.<region>, <a>.<b>.<region> (api.ecr, dkr.ecr), bucket.s3.<region>, s3.amazonaws.com
  const regionAt = labels.findIndex((l) => REGION.test(l));
  const before = regionAt === -1 ? labels : labels.slice(0, regionAt);
  for (let i = 0; i < before.length; i++) {
    const name = AWS_ENDPOINT_SERVICES[before.slice(i).join('.')];
    if (name) return name;
  }
  const last = before[before.length - 1];
  if (last?.startsWith('s3')) return 'S3';
  return null;
}

/** Names the service behind a target: AWS endpoint names win, then the port, e.g. "RDS PostgreSQL". */
export function serviceName(host: string | null, port: number | null): string | null {
  const byPort = port !== null ? (PORT_SERVICES[port] ?? null) : null;
  const aws = host ? awsServiceOfHost(host) : null;
  if (aws === 'RDS' || aws === 'ElastiCache') return byPort ? `${aws} ${byPort}` : aws;
  return aws ?? byPort;
}
