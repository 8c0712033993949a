/**
 * An in-process executor of the Amazon States Language on an injected clock: {@link it.attimo.sfn.AslParser} and
 * {@link it.attimo.sfn.AslValidator} read and check definitions, {@link it.attimo.sfn.StepFunctionsExecutor} runs
 * them (tasks through a {@link it.attimo.sfn.TaskInvoker}, state persisted through an
 * {@link it.attimo.sfn.ExecutionStore}), and {@link it.attimo.sfn.SfnTool} is what the {@code attimo sfn} command
 * calls. See the module README for what is supported and how it differs from AWS.
 */
package it.attimo.sfn;
