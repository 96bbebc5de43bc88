/**
 * Paddock's trainer: trains the runtime's architecture (model_type 1, BTOK) and low-rank
 * adapters on synthetic tasks, deterministically, to make the committed example models.
 * Not on any evaluation path: training math is plain Java floats (no FMA) in a fixed order,
 * so the same seed gives the same bytes on every JVM and any thread count.
 */
package io.paddock.trainer;
