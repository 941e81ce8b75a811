from tensorflow.keras import layers, Model

# A BatchNormalization with trainable=False runs in inference mode (TF2 Keras): it normalizes with
# its fixed moving statistics, so it does not cancel the Dense bias.
inp = layers.Input((16,))
x = layers.Dense(32)(inp)
x = layers.BatchNormalization(trainable=False)(x)
out = layers.Dense(1)(layers.ReLU()(x))
model = Model(inp, out)
