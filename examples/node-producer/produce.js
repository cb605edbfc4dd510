// An smm-pulse producer outside Java (docs/events.md, "A producer in Node"): each line of a JSON
// Lines file (the project's JSON Lines form) becomes one Kafka record, keyed by community_id,
// whose value is the event in Avro single-object encoding of schemas/social_event.avsc.
//
//   npm ci && PULSE_KAFKA_BOOTSTRAP=127.0.0.1:9092 PULSE_TOPIC=social-events node produce.js events.jsonl
'use strict';

const fs = require('fs');
const path = require('path');
const avro = require('avsc');
const { Kafka, Partitioners, logLevel } = require('kafkajs');

const schemaFile = process.env.PULSE_SCHEMA || path.join(__dirname, '..', '..', 'schemas', 'social_event.avsc');
const type = avro.Type.forSchema(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

// CRC-64-AVRO (Rabin) of the schema's parsing canonical form: the fingerprint single-object
// encoding carries, so that the reader knows which writer schema it has.
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ ((fp & 1n) ? EMPTY : 0n);
  return fp;
});
function fingerprint(text) {
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

const header = Buffer.alloc(10);
header[0] = 0xc3;
header[1] = 0x01;
header.writeBigUInt64LE(fingerprint(JSON.stringify(type.schema())), 2);

// The JSON Lines form gives occurred_at as an ISO-8601 instant; Avro carries epoch milliseconds.
function toAvro(line) {
  const event = JSON.parse(line);
  const record = {};
  for (const field of type.fields) {
    const value = event[field.name];
    record[field.name] = value === undefined ? field.defaultValue() : value;
  }
  record.occurred_at = Date.parse(event.occurred_at);
  return record;
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node produce.js EVENTS.jsonl');
    process.exit(2);
  }
  const messages = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => {
    const record = toAvro(line);
    return { key: record.community_id, value: Buffer.concat([header, type.toBuffer(record)]) };
  });
  const kafka = new Kafka({
    clientId: 'smm-pulse-node-producer',
    brokers: (process.env.PULSE_KAFKA_BOOTSTRAP || '127.0.0.1:9092').split(','),
    logLevel: logLevel.WARN,
  });
  // the partitioner of Java's clients (murmur2 of the key): a community lands where a Java producer puts it
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic: process.env.PULSE_TOPIC || 'social-events', acks: -1, messages });
  await producer.disconnect();
  console.log(`sent ${messages.length} events, schema fingerprint ${header.subarray(2).toString('hex')} (little-endian)`);
}

main().catch((error) => {
  console.error(`node producer: ${error.message}`);
  process.exit(1);
});
