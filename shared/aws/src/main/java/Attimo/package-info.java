/**
 * The journey function's named errors. The package is named {@code Attimo}, against Java's convention, because the
 * Lambda runtime reports a thrown exception's class name as its error type: {@code Attimo.Transient} is the
 * Step Functions error name, as state machines expect it.
 */
package Attimo;
