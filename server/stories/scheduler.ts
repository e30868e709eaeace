// When stories are written: every beat on a schedule (default every 3 hours), and a beat
// at once when its hourly rollups spike (volume or mood). Runs only while this process
// is the ingest leader (server.ts starts and stops it with the lock). The clock is
// injected and `tick()` does one round, so tests drive the schedule with a fake clock.
import { BEAT_IDS, type BeatId } from '../../utils/schema';
import type { Db } from '../db';
import { beatHours } from './evidence';
import { detectSpike, type SpikeOptions } from './spikes';
import type { StoryWriter, Trigger, WriteResult } from './writer';

const HOUR_MS = 3_600_000;

export interface SchedulerOptions {
  writer: StoryWriter;
  db: Db;
  clock: () => number;
  /** Between two scheduled stories of a beat (default 3 h). */
  intervalMs: number;
  /** Between two rounds of checks (due beats, spikes); default 5 minutes. */
  checkMs: number;
  beats?: readonly BeatId[];
  spike?: Partial<SpikeOptions>;
  /** Stories older than this many days are dropped (each beat keeps its latest); hourly at most. */
  retentionDays?: number;
  log?: (line: string) => void;
}

export interface TickEntry {
  beat: BeatId;
  trigger: Trigger;
  result: WriteResult;
  reason?: string;
}

export class StoryScheduler {
  /** When each beat last got a story (or was found unchanged). */
  private readonly lastRun = new Map<BeatId, number>();
  /** The hour of the spike last acted on, per beat: one story per spike. */
  private readonly lastSpikeHour = new Map<BeatId, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRetention = -Infinity;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private firstDone: () => void = () => {};
  /** Resolves when the first round after start() has finished. */
  firstRound: Promise<void> = new Promise((r) => (this.firstDone = r));

  constructor(private readonly o: SchedulerOptions) {}

  /** One round: every beat that is due gets its scheduled story; any other beat that spiked gets one now. */
  async tick(): Promise<TickEntry[]> {
    const out: TickEntry[] = [];
    for (const beat of this.o.beats ?? BEAT_IDS) {
      if (this.running && this.stopped) break;
      const now = this.o.clock();
      const last = this.lastRun.get(beat);
      let trigger: Trigger | undefined;
      let reason: string | undefined;
      if (last === undefined || now - last >= this.o.intervalMs) trigger = last === undefined ? 'start' : 'schedule';
      else {
        const hours = await beatHours(this.o.db, beat, now - 60 * HOUR_MS);
        const verdict = detectSpike(hours, now, this.o.spike);
        const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
        // A spike lasts its recent window: act once, and not within an hour of the last story.
        if ((verdict.volume || verdict.mood) && (this.lastSpikeHour.get(beat) ?? -Infinity) < hour - HOUR_MS && now - last >= HOUR_MS) {
          trigger = 'spike';
          reason = verdict.reason;
          this.lastSpikeHour.set(beat, hour);
        }
      }
      if (!trigger) continue;
      if (reason) this.o.log?.(`stories: ${beat}: ${reason}`);
      const result = await this.o.writer.write(beat, trigger);
      // A beat with no posts yet, or whose rewrite met an outage, is looked at again on the next round, not in three hours.
      if (result.outcome !== 'empty' && result.outcome !== 'failed') this.lastRun.set(beat, now);
      out.push({ beat, trigger, result, ...(reason ? { reason } : {}) });
    }
    const now = this.o.clock();
    if (this.o.retentionDays && now - this.lastRetention >= HOUR_MS) {
      this.lastRetention = now;
      const dropped = await this.o.writer.stories.applyRetention(now, this.o.retentionDays);
      if (dropped) this.o.log?.(`stories: dropped ${dropped} stories older than ${this.o.retentionDays} days`);
    }
    return out;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const round = async (first: boolean) => {
      try {
        this.running = this.tick();
        await this.running;
      } catch (err) {
        if (!this.stopped) this.o.log?.(`stories: round failed (${(err as Error).message})`);
      } finally {
        this.running = undefined;
        if (first) this.firstDone();
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => void round(false), this.o.checkMs);
        this.timer.unref?.();
      }
    };
    void round(true);
  }

  /** Stops after the story being written (a round in progress ends at the next beat). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }
}
