from tensorflow.keras import layers

bn = layers.BatchNormalization(eps=1e-3)  # expect: BN303
conv = layers.Conv2D(32, 3, bias=False)  # expect: BN303
dense = layers.Dense(10, use_bias=False)
up = layers.UpSampling2D(size=2, interpolation="bilinear")
bn_ok = layers.BatchNormalization(axis=1, momentum=0.9, epsilon=1e-5, center=True, scale=True)
