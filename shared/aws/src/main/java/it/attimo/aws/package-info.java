/** AWS adapters for the core's ports (DynamoDB, SQS, Step Functions, SES, SNS, SSM) and the Micronaut wiring. */
package it.attimo.aws;
