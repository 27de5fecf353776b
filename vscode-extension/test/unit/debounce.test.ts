import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer, Sequencer, type Timers } from '../../src/model/debounce';

/** A manual clock: timers fire only when the test advances time. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown { const id = this.next++; this.pending.set(id, { at: this.now + ms, fn }); return id; }
  clearTimeout(handle: unknown): void { this.pending.delete(handle as number); }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= this.now && this.pending.delete(id)) t.fn();
    }
  }
}

test('a burst of schedules runs only the last action, once, after the quiet period', () => {
  const timers = new FakeTimers();
  const d = new Debouncer(300, timers);
  const ran: number[] = [];
  for (let i = 0; i < 5; i++) { d.schedule(() => ran.push(i)); timers.advance(100); }
  assert.deepEqual(ran, []);
  assert.ok(d.isPending);
  timers.advance(199);
  assert.deepEqual(ran, []);
  timers.advance(1);
  assert.deepEqual(ran, [4]);
  assert.ok(!d.isPending);
  timers.advance(1000);
  assert.deepEqual(ran, [4]);
});

test('a shorter delay for one schedule (switching files) overrides the default', () => {
  const timers = new FakeTimers();
  const d = new Debouncer(300, timers);
  const ran: string[] = [];
  d.schedule(() => ran.push('edit'));
  d.schedule(() => ran.push('switch'), 0);
  timers.advance(0);
  assert.deepEqual(ran, ['switch']);
});

test('flush runs the pending action now; cancel drops it', () => {
  const timers = new FakeTimers();
  const d = new Debouncer(300, timers);
  const ran: string[] = [];
  d.schedule(() => ran.push('a'));
  d.flush();
  assert.deepEqual(ran, ['a']);
  d.schedule(() => ran.push('b'));
  d.cancel();
  timers.advance(1000);
  d.flush();
  assert.deepEqual(ran, ['a']);
});

test('only the newest ticket is current', () => {
  const s = new Sequencer();
  const first = s.next();
  assert.ok(s.isCurrent(first));
  const second = s.next();
  assert.ok(!s.isCurrent(first));
  assert.ok(s.isCurrent(second));
});
