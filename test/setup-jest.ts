import { Testing } from 'cdktf';

// Registers the cdktf matchers (toHaveResource, toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();
