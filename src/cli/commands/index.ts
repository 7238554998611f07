import type { Command } from 'commander';

/** Each command file exports one function that adds its command to the program. */
export type RegisterCommand = (program: Command) => void;

// Commands are added here as their stages land; the order is the order shown in --help.
export const commands: RegisterCommand[] = [];
