// Config owns the typed, validated configuration of a Plenary process.
export * from './app.config';
export * from './config.module';
