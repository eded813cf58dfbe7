namespace Platform.Tools.DemoLoader.Steps;

/// <summary>One part of the story, loaded through the gateway.</summary>
internal interface IDemoStep
{
    /// <summary>The name printed before the step runs.</summary>
    string Name { get; }

    Task RunAsync(DemoContext demo, CancellationToken cancellationToken);
}
