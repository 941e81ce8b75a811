/** The "NormLint" output channel, with a level set by `normlint.logLevel`. */
import * as vscode from 'vscode';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';
const ORDER: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export class Log implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  private level: LogLevel = 'info';
  /** Messages already logged once (rule errors repeat on every keystroke otherwise). */
  private readonly onceKeys = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('NormLint');
  }

  setLevel(level: LogLevel): void {
    this.level = level in ORDER ? level : 'info';
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return ORDER[level] <= ORDER[this.level];
  }

  private write(level: Exclude<LogLevel, 'off'>, message: string): void {
    if (!this.enabled(level)) return;
    const time = new Date().toISOString().slice(11, 23);
    this.channel.appendLine(`${time} [${level}] ${message}`);
  }

  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error)}`);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  debug(message: string | (() => string)): void {
    if (this.enabled('debug')) this.write('debug', typeof message === 'string' ? message : message());
  }

  /** Logs `message` only the first time `key` is seen in this session. */
  once(level: 'error' | 'warn' | 'info', key: string, message: string): void {
    if (this.onceKeys.has(key)) return;
    this.onceKeys.add(key);
    this.write(level, message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
