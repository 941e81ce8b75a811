from tensorflow.keras import layers, Model, Input

inp = Input((32, 32, 3))
x = layers.Conv2D(32, 3, padding="same", use_bias=False)(inp)
x = layers.BatchNormalization(momentum=0.1, epsilon=1e-5)(x)  # expect: BN302
x = layers.ReLU()(x)
x = layers.GlobalAveragePooling2D()(x)
model = Model(inp, layers.Dense(10)(x))
