from tensorflow.keras import layers

x_bn = layers.BatchNormalization(eps=1e-5)  # expect: BN303
d = layers.Dense(64, bias=False)  # expect: BN303
ok = layers.BatchNormalization(epsilon=1e-5, center=True, scale=False)
