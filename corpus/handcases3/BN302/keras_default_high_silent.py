import keras
from keras import layers

model = keras.Sequential([
    layers.Input((100,)),
    layers.Dense(64, use_bias=False),
    layers.BatchNormalization(momentum=0.9),
    layers.ReLU(),
    layers.Dense(64, use_bias=False),
    layers.BatchNormalization(momentum=0.999, epsilon=1e-3),
    layers.ReLU(),
    layers.Dense(1),
])
