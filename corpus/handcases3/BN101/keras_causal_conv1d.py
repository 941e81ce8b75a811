from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input((128, 1)),
    layers.Conv1D(32, 5, padding="causal", dilation_rate=2),  # expect: BN101
    layers.BatchNormalization(),
    layers.Activation("relu"),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1),
])
