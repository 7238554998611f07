// Fails with a clear message when an environment variable a script needs is unset.
const name = process.argv[2];
if (!process.env[name]) {
  console.error(
    `${name} is not set. Start a throwaway server with "scripts/pg-throwaway.sh start" and run:\n` +
      `  ${name}=$(scripts/pg-throwaway.sh start) npm run test:postgres`,
  );
  process.exit(1);
}
