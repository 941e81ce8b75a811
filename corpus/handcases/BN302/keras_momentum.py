from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv2D(32, 3, use_bias=False, input_shape=(32, 32, 3)),
    layers.BatchNormalization(momentum=0.1),  # expect: BN302
    layers.ReLU(),
    layers.Conv2D(64, 3, use_bias=False),
    layers.BatchNormalization(momentum=0.9, epsilon=1e-5),
    layers.ReLU(),
])
